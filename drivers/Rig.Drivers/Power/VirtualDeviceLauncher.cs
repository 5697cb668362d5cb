using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using Rig.Protocols;

namespace Rig.Drivers.Power;

/// <summary>Finds the rig-vdev program next to the running rig and starts it as a detached device process.</summary>
public static class VirtualDeviceLauncher
{
    public const string AppHostName = "rig-vdev";
    public const string AssemblyFileName = "rig-vdev.dll";

    /// <summary>How long start-up may take before the switch gives up, unless the bench says otherwise; generous, for a busy Raspberry Pi.</summary>
    public static readonly TimeSpan StartupLimit = TimeSpan.FromSeconds(20);

    /// <summary>A device that dies this early after power-on, silently, is a rig fault, not a device behaviour.</summary>
    public static readonly TimeSpan EarlyExitWindow = TimeSpan.FromMilliseconds(300);

    /// <summary>The command line rig-vdev gets for <paramref name="options"/> (paths made absolute).</summary>
    public static IReadOnlyList<string> Arguments(SimPowerOptions options)
    {
        if (options.Transcript is { } transcript)
        {
            // A replay has no network: only what the transcript says goes on the console.
            return
            [
                "--replay", Path.GetFullPath(transcript),
                "--console", Path.GetFullPath(options.ConsolePath),
                "--state", Path.GetFullPath(options.StateDir),
                "--boot-scale", options.BootScale.ToString("R", CultureInfo.InvariantCulture),
            ];
        }

        var args = new List<string>
        {
            "--personality", options.Personality,
            "--console", Path.GetFullPath(options.ConsolePath),
            "--state", Path.GetFullPath(options.StateDir),
            "--address", options.Address,
            "--telnet-port", options.TelnetPort.ToString(CultureInfo.InvariantCulture),
            "--boot-scale", options.BootScale.ToString("R", CultureInfo.InvariantCulture),
        };
        if (options.LoginFailDelay is { } delay)
        {
            args.Add("--login-fail-delay");
            args.Add(delay.TotalSeconds.ToString("R", CultureInfo.InvariantCulture));
        }

        if (options.HttpPort is { } http)
        {
            args.AddRange(["--http-port", http.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.FtpPort is { } ftp)
        {
            args.AddRange(["--ftp-port", ftp.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.SshPort is { } ssh)
        {
            args.AddRange(["--ssh-port", ssh.ToString(CultureInfo.InvariantCulture)]);
        }

        if (options.TelnetLogin is { } login)
        {
            args.AddRange(["--telnet-login", login]);
        }

        if (options.LockoutFor is { } lockout)
        {
            args.AddRange(["--lockout-for", lockout.TotalSeconds.ToString("R", CultureInfo.InvariantCulture)]);
        }

        return args;
    }

    /// <summary>
    /// How to run rig-vdev from <paramref name="baseDirectory"/> (default: the running rig's folder):
    /// its apphost if present, else <c>dotnet rig-vdev.dll</c> with DOTNET_HOST_PATH or "dotnet".
    /// </summary>
    /// <exception cref="RigFaultException">Neither the apphost nor the dll is there.</exception>
    public static ProcessStartInfo CreateStartInfo(SimPowerOptions options, string? baseDirectory = null)
    {
        string dir = baseDirectory ?? AppContext.BaseDirectory;
        string appHost = Path.Combine(dir, AppHostName);
        string dll = Path.Combine(dir, AssemblyFileName);
        ProcessStartInfo psi;
        if (File.Exists(appHost) && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(appHost) & UnixFileMode.UserExecute) != 0)
        {
            psi = new ProcessStartInfo(appHost);
            // The apphost finds the runtime through DOTNET_ROOT when it is not installed system-wide.
            if (Environment.GetEnvironmentVariable("DOTNET_ROOT") is null && RuntimeRoot() is { } root)
            {
                psi.Environment["DOTNET_ROOT"] = root;
            }
        }
        else if (File.Exists(dll))
        {
            string? host = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            psi = new ProcessStartInfo(string.IsNullOrEmpty(host) ? "dotnet" : host);
            psi.ArgumentList.Add(dll);
        }
        else
        {
            throw new RigFaultException($"sim power: neither {appHost} nor {dll} exists; install rig-vdev next to the rig");
        }

        foreach (string a in Arguments(options))
        {
            psi.ArgumentList.Add(a);
        }

        // Pipes, not the rig's terminal: the device closes them when start-up is over, which is the signal we wait for.
        psi.UseShellExecute = false;
        psi.RedirectStandardInput = true;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.WorkingDirectory = "/"; // never pin the rig's working folder; every path it gets is absolute
        return psi;
    }

    /// <summary>Starts rig-vdev and waits until its start-up is over (it closed its inherited stderr) or it failed.</summary>
    /// <param name="describe">The switch's identity, for error messages.</param>
    /// <param name="onStarted">Called with the pid as soon as the process exists, before its start-up is over.</param>
    /// <exception cref="RigFaultException">It could not start, exited during start-up, or took too long.</exception>
    public static async Task<Process> StartAsync(SimPowerOptions options, string describe, CancellationToken ct, Action<int>? onStarted = null)
    {
        ProcessStartInfo psi = CreateStartInfo(options);
        TimeSpan limit = options.StartLimit ?? StartupLimit;
        long started = Stopwatch.GetTimestamp();
        Process process;
        try
        {
            process = Process.Start(psi) ?? throw new RigFaultException($"{describe}: {psi.FileName} did not start");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RigFaultException($"{describe}: cannot start {psi.FileName}: {e.Message}", e);
        }

        try
        {
            onStarted?.Invoke(process.Id);
            process.StandardInput.Close();
            Task<string> errors = ReadBoundedAsync(process.StandardError, 4096);
            _ = ReadBoundedAsync(process.StandardOutput, 4096);
            Task exited = process.WaitForExitAsync(ct);
            Task first = await Task.WhenAny(errors, exited, Task.Delay(limit, ct)).ConfigureAwait(false);
            ct.ThrowIfCancellationRequested();
            if (first == errors && !process.HasExited)
            {
                // End of file on stderr is also what an exit looks like until the exit is reaped. A device
                // that wrote to the rig is reporting a failed start-up (a started one writes only to its log):
                // wait for that exit, bounded. A silent one gets what is left of the early-exit window from
                // power-on, so a slow start does not delay the plan (a bootloader's countdown runs meanwhile).
                bool reported = (await errors.ConfigureAwait(false)).Trim().Length > 0;
                TimeSpan left = reported ? limit : EarlyExitWindow - Stopwatch.GetElapsedTime(started);
                if (left > TimeSpan.Zero)
                {
                    await Task.WhenAny(exited, Task.Delay(left, ct)).ConfigureAwait(false);
                }

                ct.ThrowIfCancellationRequested();
            }

            if (process.HasExited)
            {
                // Its exit may be seen before the end of its stderr: read its reason first (bounded: a child it left could hold the pipe).
                await Task.WhenAny(errors, Task.Delay(limit, ct)).ConfigureAwait(false);
                string said = errors.IsCompleted ? (await errors.ConfigureAwait(false)).Trim() : "";
                string detail = said.Length > 0 ? said : LogTail(options.StateDir);
                throw new RigFaultException(
                    $"{describe}: the virtual device stopped during start-up (exit code {process.ExitCode}): {OneLine(detail)}");
            }

            if (first != errors)
            {
                throw new RigFaultException($"{describe}: the virtual device did not finish start-up within {limit.TotalSeconds:0} s; log: {OneLine(LogTail(options.StateDir))}");
            }

            return process;
        }
        catch
        {
            KillQuietly(process);
            process.Dispose();
            throw;
        }
    }

    /// <summary>The last lines of the device's own log, for error messages.</summary>
    public static string LogTail(string stateDir, int lines = 5)
    {
        string path = Path.Combine(Path.GetFullPath(stateDir), "vdev.log");
        try
        {
            using var f = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            long from = Math.Max(0, f.Length - 4096);
            f.Seek(from, SeekOrigin.Begin);
            using var reader = new StreamReader(f);
            string[] all = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
            return all.Length == 0 ? "(its log is empty)" : string.Join(" | ", all.TakeLast(lines));
        }
        catch (IOException e)
        {
            return $"(no log: {e.Message})";
        }
    }

    private static async Task<string> ReadBoundedAsync(StreamReader reader, int limit)
    {
        var text = new System.Text.StringBuilder();
        char[] buf = new char[1024];
        int n;
        while ((n = await reader.ReadAsync(buf).ConfigureAwait(false)) > 0)
        {
            text.Append(buf, 0, Math.Min(n, Math.Max(0, limit - text.Length)));
        }

        return text.ToString();
    }

    /// <summary>A device's words in one line of a rig fault: line ends joined, length capped.</summary>
    private static string OneLine(string s)
    {
        string line = s.ReplaceLineEndings(" | ");
        return line.Length > 600 ? line[..600] + "..." : line;
    }

    private static void KillQuietly(Process p)
    {
        try
        {
            p.Kill();
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private static string? RuntimeRoot()
    {
        // .../shared/Microsoft.NETCore.App/<version>/ -> the dotnet root three levels up
        var dir = new DirectoryInfo(RuntimeEnvironment.GetRuntimeDirectory());
        return dir.Parent?.Parent?.Parent?.FullName;
    }
}
