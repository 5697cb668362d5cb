using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Rig.Cli;
using Rig.Tests.Cli;

namespace Rig.Tests.Hostile;

/// <summary>
/// At least 200 malformed variants of each input kind go through <c>rig validate</c>, the entry
/// point the CLI uses (in-process, through <see cref="RigCommandLine"/>), and a sample of them
/// through the real rig executable: each is exit 2 with one line naming file:line:col, no stack
/// trace, within 5 s and 200 MB; a variant that happens to stay valid must say ok (exit 0).
/// </summary>
[NonParallelizable]
public partial class HostileInputFuzzTests
{
    private const int MalformedPerKind = 200;
    private const int MaxAttemptsPerKind = 1200;
    private const long MaxBytes = 200L * 1024 * 1024;
    private static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(5);

    private static readonly string[] Kinds = ["bench", "profile", "plan", "fragment", "scheme", "lab", "wordlist", "transcript", "template", "firmware"];

    private TempDir _dir = null!;
    private readonly Dictionary<string, byte[]> _seeds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<string>> _malformed = new(StringComparer.Ordinal);

    [OneTimeSetUp]
    public void Workspace()
    {
        _dir = new TempDir();
        foreach (string folder in new[] { "plans", "fragments", "wordlists", "transcripts", "firmware" })
        {
            Directory.CreateDirectory(_dir[folder]);
            foreach (string f in Directory.EnumerateFiles(Path.Combine(TestPaths.TestPlans, folder)).Where(f => !f.EndsWith(".key.pem", StringComparison.Ordinal)))
            {
                File.Copy(f, Path.Combine(_dir[folder], Path.GetFileName(f)));
            }
        }

        _dir.WriteProfile("profiles/seed.yaml", TestPaths.ProfileText("vcam-hardened"));
        foreach (string folder in new[] { "benches", "schemes", "labs", "templates" })
        {
            Directory.CreateDirectory(_dir[folder]);
        }

        _seeds["bench"] = File.ReadAllBytes(TestPaths.Bench("virtual"));
        _seeds["profile"] = File.ReadAllBytes(_dir["profiles/seed.yaml"]);
        _seeds["plan"] = File.ReadAllBytes(_dir["plans/CRED-01.yaml"]);
        _seeds["fragment"] = File.ReadAllBytes(_dir["fragments/boot-to-prompt.yaml"]);
        _seeds["scheme"] = File.ReadAllBytes(Path.Combine(TestPaths.TestPlans, "schemes", "etsi-en-303-645-baseline.yaml"));
        _seeds["lab"] = "lab: Example Test Lab\naddress: 1 Lab Street, Testtown\naccreditation: ACC-0001\nsigner: A. Tester, head of lab\ncustomer: Example Cameras Ltd\nreceived: 2026-01-05\n"u8.ToArray();
        _seeds["wordlist"] = File.ReadAllBytes(_dir["wordlists/mirai.txt"]);
        _seeds["transcript"] = File.ReadAllBytes(_dir["transcripts/vcam-vulnerable-boot.jsonl"]);
        using (Stream html = typeof(Rig.Reports.Rendering.ReportRenderer).Assembly.GetManifestResourceStream("Rig.Reports.Templates.report.html.hbs")!)
        using (var copy = new MemoryStream())
        {
            html.CopyTo(copy);
            _seeds["template"] = copy.ToArray();
        }

        _seeds["firmware"] = File.ReadAllBytes(_dir["firmware/vcam-1-1.1.0.img"]);
    }

    [OneTimeTearDown]
    public void Clean() => _dir.Dispose();

    [Test]
    [Order(1)]
    public async Task EveryMalformedVariantOfEveryKindIsOneLineExitTwo([ValueSource(nameof(Kinds))] string kind)
    {
        (int seedCode, string seedOut, string seedErr) = await InProcess(Write(kind, "seed", _seeds[kind]));
        Assert.That(seedCode, Is.EqualTo(ExitCodes.Ok), $"the unmutated {kind} must be valid: {seedErr}{seedOut}");

        var malformed = new List<string>();
        var problems = new List<string>();
        int n = 0;
        foreach ((string name, Action<string> make) in HostileInputs.Structural(kind, _seeds[kind]))
        {
            string target = Target(kind, $"s-{name}", out string file);
            make(file);
            await Check(kind, name, target, malformed, problems);
        }

        var random = new Random(20261202 + Array.IndexOf(Kinds, kind));
        while (malformed.Count < MalformedPerKind && n < MaxAttemptsPerKind)
        {
            n++;
            string target = Write(kind, "m" + n.ToString(CultureInfo.InvariantCulture), HostileInputs.Mutate(kind, _seeds[kind], random));
            await Check(kind, "mutation " + n, target, malformed, problems);
        }

        _malformed[kind] = malformed;
        Assert.That(problems, Is.Empty, string.Join('\n', problems.Take(10)));
        Assert.That(malformed, Has.Count.GreaterThanOrEqualTo(MalformedPerKind), $"only {malformed.Count} of {n} mutations of the {kind} were malformed");
    }

    /// <summary>The real executable on a sample: the FIFO, /dev/zero, the deep or alias bomb where there is one, and random malformed variants.</summary>
    [Test]
    [Order(2)]
    public void TheRealExecutableAgreesOnASampleOfEachKind()
    {
        Assume.That(File.Exists("/usr/bin/time"), "GNU time measures peak memory (scripts/install-test-deps.sh installs it)");
        var problems = new List<string>();
        foreach (string kind in Kinds)
        {
            var sample = new List<string> { Target(kind, "s-fifo", out _), Target(kind, "s-dev-zero", out _) };
            if (Array.IndexOf(HostileInputs.YamlKinds, kind) >= 0)
            {
                sample.Add(Target(kind, "s-deep-flow-50000", out _));
                sample.Add(Target(kind, "s-alias-bomb-key", out _));
            }

            sample.AddRange(_malformed.TryGetValue(kind, out List<string>? m) ? m.Where((_, i) => i % 97 == 5).Take(2) : []);
            foreach (string target in sample)
            {
                var clock = Stopwatch.StartNew();
                (int code, string _, string stderr, long peak) = RigProcess.RunMeasured(_dir.Path, "validate", target);
                TimeSpan took = clock.Elapsed;
                string? problem = Problem(target, code, stderr, took, peak);
                if (problem is not null || code != ExitCodes.BadInput)
                {
                    problems.Add($"{kind} {target}: {problem ?? $"exit {code}"}");
                }
            }
        }

        Assert.That(problems, Is.Empty, string.Join('\n', problems));
    }

    /// <summary>Flags are checked before anything is powered: each names itself, exit 2.</summary>
    [TestCase("--bench", "/dev/zero", "/dev/zero:1:1: not a regular file")]
    [TestCase("--out", "/etc/passwd", "rig: --out /etc/passwd: is a file, not a folder")]
    [TestCase("--template", "/dev/zero", "rig: --template /dev/zero: /dev/zero/report.html.hbs: no such file")]
    [TestCase("--bench", "fifo", "fifo.yaml:1:1: not a regular file")]
    public void ABadFlagIsOneLineNamingItBeforeAnythingIsPowered(string flag, string value, string expected)
    {
        using var dir = new TempDir();
        if (value == "fifo")
        {
            HostileInputs.Structural("bench", []).Single(s => s.Name == "fifo").Make(dir["fifo.yaml"]);
            value = dir["fifo.yaml"];
        }

        var (made, _, _) = RigProcess.Run(dir.Path, "keys", "new", "--private", dir["lab.key.pem"], "--public", dir["lab.pub.pem"]);
        Assert.That(made, Is.Zero);
        string[] args = ["certify", "--slot", "slot1", "--profile", "vcam-vulnerable", "--key", dir["lab.key.pem"], "--state-root", dir["state"], .. flag == "--out" ? Array.Empty<string>() : ["--out", dir["out"]], flag, value];
        var (exit, _, stderr) = RigProcess.Run(dir.Path, args);

        Assert.That(exit, Is.EqualTo(ExitCodes.BadInput), stderr);
        Assert.That(stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries), Has.Length.EqualTo(1), stderr);
        Assert.That(stderr, Does.Contain(expected));
        Assert.That(Directory.Exists(dir["state"]), Is.False, "no bench state was made: nothing was powered");
    }

    private async Task Check(string kind, string name, string target, List<string> malformed, List<string> problems)
    {
        long before = GC.GetTotalAllocatedBytes();
        var clock = Stopwatch.StartNew();
        (int code, string _, string stderr) = await InProcess(target);
        string? problem = Problem(target, code, stderr, clock.Elapsed, GC.GetTotalAllocatedBytes() - before);
        if (problem is not null)
        {
            problems.Add($"{kind} {name} ({target}): {problem}");
        }
        else if (code == ExitCodes.BadInput)
        {
            malformed.Add(target);
        }
    }

    /// <summary>What is wrong with how rig answered a variant, or null: ok with nothing on stderr, or exit 2 with one line at file:line:col.</summary>
    private static string? Problem(string target, int code, string stderr, TimeSpan took, long bytes)
    {
        string[] lines = stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        if (took > MaxTime)
        {
            return $"took {took.TotalSeconds:0.0} s";
        }

        if (bytes > MaxBytes)
        {
            return $"used {bytes / (1024 * 1024)} MiB";
        }

        if (stderr.Contains("   at ", StringComparison.Ordinal) || stderr.Contains("internal error", StringComparison.Ordinal) || stderr.Contains('\u001b', StringComparison.Ordinal))
        {
            return $"stack trace, internal error or raw escape: {stderr}";
        }

        if (code == ExitCodes.Ok)
        {
            return lines.Length == 0 ? null : $"exit 0 but stderr: {stderr}";
        }

        if (code != ExitCodes.BadInput || lines.Length != 1)
        {
            return $"exit {code}, {lines.Length} lines: {stderr}";
        }

        Match at = Located().Match(lines[0]);
        string name = Path.GetFileName(target.TrimEnd('/'));
        return at.Success && at.Groups["file"].Value.Contains(name, StringComparison.Ordinal)
            ? null
            : $"not one line at {name}:line:col: {lines[0]}";
    }

    private static async Task<(int Code, string Stdout, string Stderr)> InProcess(string target)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        TextWriter o = Console.Out, e = Console.Error;
        Console.SetOut(stdout);
        Console.SetError(stderr);
        try
        {
            int code = await RigCommandLine.RunAsync(["validate", target]);
            return (code, stdout.ToString(), stderr.ToString());
        }
        finally
        {
            Console.SetOut(o);
            Console.SetError(e);
        }
    }

    private string Write(string kind, string name, byte[] bytes)
    {
        string target = Target(kind, name, out string file);
        File.WriteAllBytes(file, bytes);
        return target;
    }

    /// <summary>What rig validate is given (a file, or a template's folder) and the file the variant is written to.</summary>
    private string Target(string kind, string name, out string file)
    {
        (string folder, string ext) = kind switch
        {
            "bench" => ("benches", ".yaml"),
            "profile" => ("profiles", ".yaml"),
            "plan" => ("plans", ".yaml"),
            "fragment" => ("fragments", ".yaml"),
            "scheme" => ("schemes", ".yaml"),
            "lab" => ("labs", ".yaml"),
            "wordlist" => ("wordlists", ".txt"),
            "transcript" => ("transcripts", ".jsonl"),
            "firmware" => ("firmware", ".img"),
            _ => ("templates", ""),
        };
        string target = Path.Combine(_dir[folder], name + ext);
        if (kind == "template")
        {
            Directory.CreateDirectory(target);
            file = Path.Combine(target, "report.html.hbs");
        }
        else
        {
            file = target;
        }

        return target;
    }

    [GeneratedRegex(@"^(?<file>[^\s:][^:]*):\d+:\d+: \S")]
    private static partial Regex Located();
}
