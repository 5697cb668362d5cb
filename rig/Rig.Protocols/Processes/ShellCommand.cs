using System.ComponentModel;
using System.Diagnostics;
using System.Runtime.InteropServices;

namespace Rig.Protocols.Processes;

/// <summary>What one command did: its exit code, or that it ran out of time, and the tail of what it printed.</summary>
internal sealed record ShellCommandResult(int ExitCode, bool TimedOut, OutputTail Stdout, OutputTail Stderr);

/// <summary>Runs one command line with /bin/sh -c in a session of its own, bounded in time and in what it may print.</summary>
/// <remarks>
/// The command gets stdin from /dev/null and its own process group (util-linux setsid), so a
/// timeout kills everything it started, not just the shell. setsid execs in place (the shell is
/// not a group leader), so the group id is the pid the runtime gave us.
/// </remarks>
internal static partial class ShellCommand
{
    public const int TailBytes = 4096;

    private const int SIGKILL = 9;

    // $0 carries the command, so it is never re-quoted; setsid --wait stays in front even if it had to fork.
    private const string Launcher = "exec setsid --wait /bin/sh -c \"$0\" </dev/null";

    /// <summary>How long output may stay open after the shell exits, e.g. held by a background child.</summary>
    private static readonly TimeSpan Linger = TimeSpan.FromSeconds(2);

    /// <exception cref="Win32Exception">/bin/sh cannot be started.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled; the command was killed.</exception>
    public static async Task<ShellCommandResult> RunAsync(string command, TimeSpan timeout, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("/bin/sh");
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add(Launcher);
        psi.ArgumentList.Add(command);
        return await RunAsync(psi, timeout, TailBytes, ct).ConfigureAwait(false);
    }

    /// <summary>
    /// Runs a prepared child (its program <c>setsid --wait</c>, so it leads a process group of its own),
    /// stdin closed, output kept to the last <paramref name="tailBytes"/>; the group is killed on
    /// timeout or cancellation.
    /// </summary>
    /// <exception cref="Win32Exception">The program cannot be started.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> was cancelled; the child was killed.</exception>
    public static async Task<ShellCommandResult> RunAsync(ProcessStartInfo psi, TimeSpan timeout, int tailBytes, CancellationToken ct)
    {
        psi.UseShellExecute = false;
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        using var process = Process.Start(psi) ?? throw new Win32Exception($"{psi.FileName} did not start");
        process.StandardInput.Close();
        var stdout = new OutputTail(tailBytes);
        var stderr = new OutputTail(tailBytes);
        Task pumps = Task.WhenAll(
            PumpAsync(process.StandardOutput.BaseStream, stdout),
            PumpAsync(process.StandardError.BaseStream, stderr));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        bool timedOut = false;
        try
        {
            await process.WaitForExitAsync(deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            KillGroup(process);
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            timedOut = true;
        }

        if (!await FinishedWithin(pumps, Linger).ConfigureAwait(false))
        {
            // Something the command left behind still holds its output, which keeps the group alive.
            KillGroup(process);
            await FinishedWithin(pumps, Linger).ConfigureAwait(false);
        }

        return new ShellCommandResult(timedOut ? -1 : process.ExitCode, timedOut, stdout, stderr);
    }

    private static async Task PumpAsync(Stream stream, OutputTail tail)
    {
        byte[] buffer = new byte[8192];
        try
        {
            int n;
            while ((n = await stream.ReadAsync(buffer).ConfigureAwait(false)) > 0)
            {
                tail.Append(buffer.AsSpan(0, n));
            }
        }
        catch (Exception e) when (e is IOException or ObjectDisposedException)
        {
            // The process was disposed while a straggler held the pipe: what was read is kept.
        }
    }

    private static async Task<bool> FinishedWithin(Task task, TimeSpan limit)
    {
        try
        {
            await task.WaitAsync(limit).ConfigureAwait(false);
            return true;
        }
        catch (TimeoutException)
        {
            return false;
        }
    }

    private static void KillGroup(Process process)
    {
        Kill(-process.Id, SIGKILL);
        try
        {
            // Covers the instant before setsid ran, when the group does not exist yet.
            process.Kill(entireProcessTree: true);
        }
        catch (InvalidOperationException)
        {
        }
    }

    // Bound here rather than through the drivers' libc table: protocols sit below the drivers.
    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int Kill(int pid, int signal);
}
