using System.Diagnostics;

namespace Rig.Tests.Packaging;

/// <summary>A program from an unpacked package (or the packaging script) run to its end, bounded, with its own environment.</summary>
internal static class PackageRun
{
    public sealed record Result(int Exit, string Stdout, string Stderr, TimeSpan Took);

    public static Result Run(string program, IEnumerable<string> args, TimeSpan limit, IReadOnlyDictionary<string, string>? env = null, string? cwd = null)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = cwd ?? Path.GetTempPath(),
        };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        start.Environment.Remove("RIG_DEBUG");
        foreach (var (k, v) in env ?? new Dictionary<string, string>())
        {
            start.Environment[k] = v;
        }

        var took = Stopwatch.StartNew();
        using Process p = Process.Start(start)!;
        p.StandardInput.Close();
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (!p.WaitForExit(limit))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            Assert.Fail($"{program} {string.Join(' ', args)} did not finish within {limit}; stderr:\n{stderr.Result}");
        }

        p.WaitForExit();
        return new Result(p.ExitCode, stdout.Result, stderr.Result, took.Elapsed);
    }
}
