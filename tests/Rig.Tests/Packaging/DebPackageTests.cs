using System.Diagnostics;
using System.Text.RegularExpressions;
using Rig.Drivers.Power;
using Rig.Tests.Graphs;

namespace Rig.Tests.Packaging;

/// <summary>
/// scripts/build-deb.sh builds both packages once; each is unpacked with dpkg-deb -x and its rig
/// run from the unpacked tree: the amd64 one natively, the arm64 one (a Raspberry Pi's) under
/// QEMU's user-mode emulator with Debian's arm64 libraries, registered with the kernel's binfmt_misc
/// by scripts/install-arm64-emulation.sh, since rig starts its supervisor and rig-vdev as programs of
/// its own architecture.
/// </summary>
[NonParallelizable]
[Category("package")]
public partial class DebPackageTests
{
    private const string Address = "127.0.0.94";

    /// <summary>.NET's double-mapped code pages (W^X) crash under QEMU's user-mode emulator.</summary>
    private static readonly Dictionary<string, string> Emulated = new() { ["DOTNET_EnableWriteXorExecute"] = "0" };

    private TempDir _dir = null!;
    private string _amd64 = null!;
    private string _arm64 = null!;

    [OneTimeSetUp]
    public void BuildBothPackagesOnce()
    {
        _dir = new TempDir();
        PackageRun.Result built = PackageRun.Run(Path.Combine(Tools.RepoRoot, "scripts", "build-deb.sh"), ["--out", _dir["debs"]], TimeSpan.FromMinutes(40));
        TestContext.Progress.WriteLine($"build-deb.sh (arm64 and amd64): {built.Took.TotalSeconds:0} s");
        Assert.That(built.Exit, Is.Zero, built.Stderr);
        string version = File.ReadAllLines(Path.Combine(Tools.RepoRoot, "Directory.Build.props"))
            .Select(l => VersionElement().Match(l)).First(m => m.Success).Groups[1].Value;
        _amd64 = Path.Combine(_dir["debs"], $"rig_{version}_amd64.deb");
        _arm64 = Path.Combine(_dir["debs"], $"rig_{version}_arm64.deb");
        Assert.That(built.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EquivalentTo(new[] { _amd64, _arm64 }));
    }

    [OneTimeTearDown]
    public void RemoveThem() => _dir?.Dispose();

    [TestCase("amd64")]
    [TestCase("arm64")]
    public void APackageHoldsThePrograms_ThePlans_TheManPage_TheUnitAndTheRules(string arch)
    {
        string deb = arch == "amd64" ? _amd64 : _arm64;
        string info = DpkgDeb("--info", deb);
        Assert.That(info, Does.Contain("Package: rig").And.Contain($"Architecture: {arch}").And.Contain("libssl3"));
        string contents = DpkgDeb("--contents", deb);
        foreach (string path in new[]
        {
            "./usr/lib/rig/rig", "./usr/lib/rig/rig-vdev", "./usr/share/rig/testplans/plans/UART-01.yaml",
            "./usr/share/rig/testplans/schemes/", "./usr/share/rig/testplans/profiles/", "./usr/share/rig/testplans/fragments/",
            "./usr/share/man/man1/rig.1.gz", "./usr/lib/systemd/system/rig-off@.service", "./usr/lib/udev/rules.d/60-rig.rules",
            "./usr/lib/systemd/system/rig-agent@.service",
        })
        {
            Assert.That(contents, Does.Contain(path), path);
        }

        Assert.That(contents, Does.Contain("./usr/bin/rig -> ../lib/rig/rig").And.Contain("./usr/lib/rig/testplans -> ../../share/rig/testplans"));
        Assert.That(contents.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.Contains(" root/root ", StringComparison.Ordinal)), Is.Empty, "every file root's");
        Assert.That(Regex.IsMatch(contents, @"^-rwxr-xr-x .* \./usr/lib/rig/rig-vdev$", RegexOptions.Multiline), contents);
        if (arch == "amd64")
        {
            // Native AOT (rig/ColdStart.props): two native programs, no runtime or assemblies beside them.
            Assert.That(contents, Does.Not.Contain("libcoreclr.so").And.Not.Contain(".dll"), "amd64 is a native build");
        }
        else
        {
            // ReadyToRun, self-contained: the runtime travels with the program.
            Assert.That(contents, Does.Contain("./usr/lib/rig/libcoreclr.so").And.Contain("./usr/lib/rig/rig.dll"), "arm64 is a ReadyToRun build");
        }


        string root = Unpack(deb, arch);
        string postinst = File.ReadAllText(Path.Combine(root, "DEBIAN", "postinst"));
        Assert.That(postinst, Does.Contain("for g in gpio dialout i2c").And.Contain("addgroup --system"));
        Assert.That(postinst, Does.Contain("adduser --system --ingroup rig"), "the lab agent's account");
    }

    [Test]
    public void TheAmd64RigRunsFromItsInstalledLayoutAndFindsTheShippedPlans()
    {
        string rig = Path.Combine(Unpack(_amd64, "amd64"), "usr", "bin", "rig");
        PackageRun.Result version = PackageRun.Run(rig, ["--version"], TimeSpan.FromMinutes(2));
        Assert.That(version.Exit, Is.Zero, version.Stderr);
        Assert.That(version.Stdout, Does.Match(@"^\d+\.\d+\.\d+"));

        PackageRun.Result list = PackageRun.Run(rig, ["plans", "list"], TimeSpan.FromMinutes(2));
        Assert.That(list.Exit, Is.Zero, list.Stderr);
        Assert.That(list.Stdout, Does.Contain("UART-01").And.Contain("CRED-01"));
    }

    [Test]
    public void TheManPageHasEveryCommandTheReadmeRuns()
    {
        string root = Unpack(_amd64, "amd64");
        using var gz = new System.IO.Compression.GZipStream(File.OpenRead(Path.Combine(root, "usr", "share", "man", "man1", "rig.1.gz")), System.IO.Compression.CompressionMode.Decompress);
        string man = new StreamReader(gz).ReadToEnd();
        string[] commands = [.. ReadmeCommand().Matches(File.ReadAllText(Path.Combine(Tools.RepoRoot, "README.md"))).Select(m => m.Groups[1].Value).Distinct()];
        Assert.That(commands, Does.Contain("certify").And.Contain("keys new").And.Contain("power cycle"));
        foreach (string command in commands)
        {
            string[] words = command.Split(' ');
            // "rig power cycle": power is a command and cycle its argument; "rig keys new": new is a subcommand.
            Assert.That(man, Does.Contain($".SS rig {command}\n").Or.Contain($".SS rig {words[0]}\n"), command);
        }

        PackageRun.Result help = PackageRun.Run(Path.Combine(root, "usr", "bin", "rig"), ["certify", "--help"], TimeSpan.FromMinutes(2));
        Assert.That(man, Does.Contain(help.Stdout.Split('\n')[1].Trim()), "the page is rig's own --help");
    }

    [Test]
    public void TheBootUnitSwitchesASlotOff()
    {
        string root = Unpack(_amd64, "amd64");
        string unit = File.ReadAllText(Path.Combine(root, "usr", "lib", "systemd", "system", "rig-off@.service"));
        string exec = unit.Split('\n').Single(l => l.StartsWith("ExecStart=", StringComparison.Ordinal))["ExecStart=".Length..];
        string bench = _dir.Write("boot/bench.yaml", $"""
            bench: boot
            slots:
              v1:
                power: {"{"} backend: sim, personality: vcam-hardened, address: {Address}, state: v1/flash {"}"}
                console: {"{"} path: v1/console {"}"}
            """);
        string[] words = exec.Replace("%i", "v1", StringComparison.Ordinal).Replace("/etc/rig/bench.yaml", bench, StringComparison.Ordinal)
            .Replace("/var/lib/rig/boot", _dir["boot/state"], StringComparison.Ordinal).Split(' ');
        Assert.That(words[0], Is.EqualTo("/usr/bin/rig"));

        PackageRun.Result off = PackageRun.Run(root + words[0], words[1..], TimeSpan.FromMinutes(2));
        Assert.That(off.Exit, Is.Zero, off.Stderr);
        Assert.That(off.Stdout, Does.StartWith("v1: off"));
    }

    [Test]
    public void TheArm64RigRunsUnderEmulation_VersionAndPlans()
    {
        string root = Arm64Root();
        string rig = Path.Combine(root, "usr", "bin", "rig");
        var took = Stopwatch.StartNew();

        PackageRun.Result version = PackageRun.Run(rig, ["--version"], TimeSpan.FromMinutes(3), Emulated);
        Assert.That(version.Exit, Is.Zero, version.Stderr);
        Assert.That(version.Stdout, Does.Match(@"^\d+\.\d+\.\d+"));
        TestContext.Progress.WriteLine($"arm64 rig --version under QEMU: {version.Took.TotalSeconds:0.0} s");

        string[] plans = [.. Directory.GetFiles(Path.Combine(root, "usr", "share", "rig", "testplans", "plans"), "*.yaml").Order()];
        Assert.That(plans, Has.Length.GreaterThan(10));
        PackageRun.Result validate = PackageRun.Run(rig, ["plans", "validate", .. plans], TimeSpan.FromMinutes(5), Emulated);
        Assert.That(validate.Exit, Is.Zero, validate.Stdout + validate.Stderr);
        Assert.That(validate.Stdout.Split('\n').Count(l => l.Contains(": ok (", StringComparison.Ordinal)), Is.EqualTo(plans.Length));
        TestContext.Progress.WriteLine($"arm64 rig plans validate ({plans.Length} plans) under QEMU: {validate.Took.TotalSeconds:0.0} s");

        TestContext.Progress.WriteLine($"arm64 package under QEMU, both: {took.Elapsed.TotalSeconds:0} s");
    }

    /// <summary>
    /// UART-01 on the vulnerable virtual camera from the installed layout: a FAIL observed on the
    /// console, a signed report that rig verify accepts. amd64: the native (AOT) rig and rig-vdev, where
    /// a report view read by reflection would break; arm64: both under QEMU. The bench gives rig-vdev five
    /// minutes to start: under emulation its start-up took 10 s on an idle machine and more than the
    /// default 20 s at a load of 30.
    /// </summary>
    [TestCase("amd64")]
    [TestCase("arm64")]
    public void TheRigCertifiesAVirtualCamera(string arch)
    {
        string rig = Path.Combine(arch == "arm64" ? Arm64Root() : Unpack(_amd64, "amd64"), "usr", "bin", "rig");
        string amd64Rig = Path.Combine(Unpack(_amd64, "amd64"), "usr", "bin", "rig");
        string dir = Directory.CreateDirectory(_dir[$"certify-{arch}"]).FullName;
        PackageRun.Result keys = PackageRun.Run(amd64Rig,
            ["keys", "new", "--private", Path.Combine(dir, "k.pem"), "--public", Path.Combine(dir, "p.pem")], TimeSpan.FromMinutes(2));
        Assert.That(keys.Exit, Is.Zero, keys.Stderr);
        string profile = _dir.Write($"certify-{arch}/profile.yaml", $"profile: p\nmanufacturer: m\nmodel: x\naddress: {Address}\n");
        string bench = _dir.Write($"certify-{arch}/camera.yaml", $"""
            bench: cam
            slots:
              v1:
                power:
                  backend: sim
                  personality: vcam-vulnerable
                  address: {Address}
                  telnet_port: {Rig.Tests.VirtualDevice.TestDevice.FreePort(Address)}
                  state: v1/flash
                  boot_scale: 0.05
                  start_limit: 5m
                console:
                  path: v1/console
                cycle_off: 100ms
            """);
        string state = Path.Combine(dir, "root");
        string run = Path.Combine(dir, "run");
        try
        {
            PackageRun.Result certified = PackageRun.Run(rig,
                ["certify", "--bench", bench, "--slot", "v1", "--profile", profile, "--plan", "UART-01", "--out", run, "--key", Path.Combine(dir, "k.pem"), "--state-root", state],
                TimeSpan.FromMinutes(10), new Dictionary<string, string>(Emulated) { ["XDG_STATE_HOME"] = dir });
            TestContext.Progress.WriteLine($"{arch} rig certify UART-01{(arch == "arm64" ? " under QEMU" : "")}: {certified.Took.TotalSeconds:0.0} s");
            Assert.That(certified.Exit, Is.EqualTo(1), certified.Stdout + certified.Stderr);
            Assert.That(certified.Stdout, Does.Contain("UART-01").And.Contain("FAIL").And.Contain("uid=0(root)"));
            Assert.That(File.Exists(Path.Combine(run, "report.html.sig")), Is.True, "a signed report");
            Assert.That(File.ReadAllText(Path.Combine(run, "report.html")), Does.Contain("UART-01").And.Contain("uid&#x3D;0(root)"), "the report renders its views (the console's text HTML-encoded)");
            Assert.That(File.ReadAllText(Path.Combine(state, "v1", "flash", "vdev.log")), Is.Not.Empty, $"the {arch} rig-vdev ran");
            PackageRun.Result verified = PackageRun.Run(rig, ["verify", run, "--key", Path.Combine(dir, "p.pem")], TimeSpan.FromMinutes(3), Emulated);
            Assert.That(verified.Exit, Is.Zero, verified.Stdout + verified.Stderr);
        }
        finally
        {
            Assert.That(VirtualDeviceProcess.FindRunning(Path.Combine(state, "v1", "flash")), Is.Null, "rig switched its virtual camera off");
        }
    }

    private string Arm64Root()
    {
        string binfmt = "/proc/sys/fs/binfmt_misc/qemu-aarch64";
        Assert.That(File.Exists(binfmt) && File.ReadAllText(binfmt).StartsWith("enabled", StringComparison.Ordinal), Is.True,
            "arm64 programs need QEMU registered with binfmt_misc: run scripts/install-arm64-emulation.sh");
        return Unpack(_arm64, "arm64");
    }

    private string Unpack(string deb, string arch)
    {
        string root = _dir[$"root-{arch}"];
        if (!Directory.Exists(root))
        {
            DpkgDeb("-x", deb, root);
            DpkgDeb("-e", deb, Path.Combine(root, "DEBIAN"));
        }

        return root;
    }

    private static string DpkgDeb(params string[] args)
    {
        PackageRun.Result r = PackageRun.Run("dpkg-deb", args, TimeSpan.FromMinutes(2));
        Assert.That(r.Exit, Is.Zero, r.Stderr);
        return r.Stdout;
    }

    [GeneratedRegex(@"<Version>(.+)</Version>")]
    private static partial Regex VersionElement();

    /// <summary>"rig WORD [WORD]" at the start of a line of the README's examples (a second word only when it is a subcommand name, lower case).</summary>
    [GeneratedRegex(@"^(?:\./)?rig(?:\.sh)? ([a-z]+(?: (?:new|validate|list|show|graph|export|build|inspect|cycle|on|off|state))?)\b", RegexOptions.Multiline)]
    private static partial Regex ReadmeCommand();
}
