using System.Diagnostics;

namespace Rig.Benchmarks.Harness;

/// <summary>
/// Finds the peers and builds the C programs (device side, raw reader) with gcc, once per suite
/// run, into the work folder. A missing peer is a note in the table, not a failure.
/// </summary>
internal sealed class PeerTools
{
    public const string InstallHint = "not installed (scripts/install-benchmark-deps.sh)";

    private static readonly SemaphoreSlim BuildLock = new(1);

    private PeerTools(string sources, string device, string? reader, string? expect, string? python)
    {
        Sources = sources;
        Device = device;
        Reader = reader;
        Expect = expect;
        Python = python;
    }

    /// <summary>The shipped peers/ folder: scripts the peers run.</summary>
    public string Sources { get; }

    public string Device { get; }

    public string? Reader { get; }

    public string? Expect { get; }

    /// <summary>A python3 that imports pexpect; Debian's first, as the install script provides it.</summary>
    public string? Python { get; }

    public static async Task<PeerTools> PrepareAsync(BenchmarkSettings settings, CancellationToken ct)
    {
        string sources = Path.Combine(settings.RigHome, "benchmark", "peers");
        string bin = Path.Combine(settings.WorkDir, "bin");
        Directory.CreateDirectory(bin);
        await BuildLock.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            string device = await BuildAsync(sources, bin, "device", ct).ConfigureAwait(false)
                ?? throw new InvalidOperationException("gcc is needed to build the benchmark's device side: run scripts/install-benchmark-deps.sh");
            string? reader = await BuildAsync(sources, bin, "reader", ct).ConfigureAwait(false);
            string? expect = Which("expect");
            string? python = new[] { "/usr/bin/python3", Which("python3") }
                .FirstOrDefault(p => p is not null && Succeeds(p, "-c", "import pexpect"));
            return new PeerTools(sources, device, reader, expect, python);
        }
        finally
        {
            BuildLock.Release();
        }
    }

    private static async Task<string?> BuildAsync(string sources, string bin, string name, CancellationToken ct)
    {
        string exe = Path.Combine(bin, name);
        if (File.Exists(exe))
        {
            return exe;
        }

        if (Which("gcc") is not { } gcc)
        {
            return null;
        }

        using var build = new ChildProcess(gcc, ["-O2", "-Wall", "-o", exe, Path.Combine(sources, name + ".c")]);
        int code = await build.WaitExitAsync(TimeSpan.FromMinutes(1), ct).ConfigureAwait(false);
        return code == 0 ? exe : throw new InvalidOperationException($"gcc could not build {name}.c: {build.Errors}");
    }

    public static string? Which(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    private static bool Succeeds(string file, params string[] args)
    {
        if (!File.Exists(file))
        {
            return false;
        }

        var info = new ProcessStartInfo(file) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        using Process p = Process.Start(info)!;
        p.WaitForExit(30_000);
        return p.HasExited && p.ExitCode == 0;
    }
}
