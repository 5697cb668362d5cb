using System.Diagnostics;
using System.Text;

namespace Rig.Benchmarks.Sweep;

/// <summary>Runs a peer tool to its end or its time limit, and kills it and its children on the limit or on cancellation.</summary>
internal static class PeerProcess
{
    /// <summary>Bounds what a peer's output can take: enough for a 62-pair sweep's chatter.</summary>
    private const int MaxOutputChars = 1 << 20;

    /// <summary>The tool's stdout and stderr and its wall time; null output when it hit <paramref name="limit"/>.</summary>
    public static async Task<(string? Output, double Seconds)> RunAsync(
        string program, IReadOnlyList<string> arguments, string folder, TimeSpan limit, CancellationToken ct)
    {
        var psi = new ProcessStartInfo(program)
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder, // hydra keeps its restore file in the working folder
        };
        foreach (string a in arguments)
        {
            psi.ArgumentList.Add(a);
        }

        long start = Stopwatch.GetTimestamp();
        using Process process = Process.Start(psi) ?? throw new InvalidOperationException($"{program} did not start");
        process.StandardInput.Close();
        var output = new StringBuilder();
        Task outTask = CopyAsync(process.StandardOutput, output);
        Task errTask = CopyAsync(process.StandardError, output);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(limit);
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            return (null, double.NaN);
        }

        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        await Task.WhenAll(outTask, errTask).ConfigureAwait(false);
        lock (output)
        {
            return (output.ToString(), seconds);
        }
    }

    /// <summary>The program's full path when it is on the PATH, else null.</summary>
    public static string? Find(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty)
            .Split(':', StringSplitOptions.RemoveEmptyEntries)
            .Select(dir => Path.Combine(dir, program))
            .FirstOrDefault(path => File.Exists(path) && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(path) & UnixFileMode.UserExecute) != 0);

    private static async Task CopyAsync(StreamReader reader, StringBuilder into)
    {
        char[] buf = new char[4096];
        int n;
        while ((n = await reader.ReadAsync(buf).ConfigureAwait(false)) > 0)
        {
            lock (into)
            {
                into.Append(buf, 0, Math.Min(n, Math.Max(0, MaxOutputChars - into.Length)));
            }
        }
    }
}
