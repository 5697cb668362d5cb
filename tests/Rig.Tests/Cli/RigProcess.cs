using System.Diagnostics;
using System.Text;
using Rig.Drivers.Native;

namespace Rig.Tests.Cli;

/// <summary>The real rig executable as a child process, with its own state folder; killed if a test leaves it running.</summary>
internal sealed class RigProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _stdout = new();
    private readonly StringBuilder _stderr = new();
    private long _lastOutput = Stopwatch.GetTimestamp();

    private RigProcess(Process process)
    {
        _process = process;
    }

    public static string Executable => Path.Combine(AppContext.BaseDirectory, "rig");

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    public string Stdout { get { lock (_stdout) { return _stdout.ToString(); } } }

    public string Stderr { get { lock (_stderr) { return _stderr.ToString(); } } }

    public static RigProcess Start(string stateHome, params string[] args) => StartWithInput(stateHome, null, args);

    /// <summary>Starts rig; <paramref name="input"/>, if given, is written to its standard input, which is then closed.</summary>
    public static RigProcess StartWithInput(string stateHome, string? input, params string[] args) => StartProgram(Executable, stateHome, input, args);

    /// <summary>Runs rig to the end (bounded) under GNU time; also returns its peak resident memory.</summary>
    public static (int Exit, string Stdout, string Stderr, long PeakBytes) RunMeasured(string stateHome, params string[] args)
    {
        string report = Path.Combine(stateHome, $"time-{Guid.NewGuid():N}.txt");
        using RigProcess rig = StartProgram("/usr/bin/time", stateHome, null, ["-f", "%M", "-o", report, Executable, .. args]);
        int code = rig.Wait(TimeSpan.FromSeconds(120));
        long kb = long.Parse(File.ReadAllText(report).Trim().Split('\n')[^1], System.Globalization.CultureInfo.InvariantCulture);
        File.Delete(report);
        return (code, rig.Stdout, rig.Stderr, kb * 1024);
    }

    private static RigProcess StartProgram(string program, string stateHome, string? input, string[] args)
    {
        // Through env --default-signal, as from a terminal: a runner started with nohup or as a
        // background job of a script ignores SIGHUP, SIGINT and SIGQUIT, and rig, like every program,
        // keeps a signal ignored that was ignored when it started. env execs in place: same pid.
        var info = new ProcessStartInfo("env")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add("--default-signal");
        info.ArgumentList.Add(program);
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        info.Environment["XDG_STATE_HOME"] = stateHome;
        info.Environment.Remove("RIG_DEBUG");
        var rig = new RigProcess(Process.Start(info)!);
        rig._process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (rig._stdout) { rig._stdout.AppendLine(e.Data); } rig.Heard(); } };
        rig._process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (rig._stderr) { rig._stderr.AppendLine(e.Data); } rig.Heard(); } };
        rig._process.BeginOutputReadLine();
        rig._process.BeginErrorReadLine();
        if (input is not null)
        {
            rig._process.StandardInput.Write(input);
        }

        rig._process.StandardInput.Close();
        return rig;
    }

    /// <summary>Runs to the end (bounded) and returns the exit code.</summary>
    public static (int Exit, string Stdout, string Stderr) Run(string stateHome, params string[] args)
    {
        using RigProcess rig = Start(stateHome, args);
        int code = rig.Wait(TimeSpan.FromSeconds(120));
        return (code, rig.Stdout, rig.Stderr);
    }

    /// <summary>
    /// Waits for the end and returns the exit code. Rig counts as hung once it has printed nothing
    /// for <paramref name="silence"/>: a long run that keeps reporting progress (a loaded machine
    /// makes every step slower) is not cut short, and a hang still ends the test.
    /// </summary>
    public int Wait(TimeSpan silence)
    {
        TimeSpan cap = TimeSpan.FromMinutes(20) > silence ? TimeSpan.FromMinutes(20) : silence;
        long start = Stopwatch.GetTimestamp();
        while (!_process.WaitForExit(TimeSpan.FromSeconds(1)))
        {
            TimeSpan quiet = Stopwatch.GetElapsedTime(Interlocked.Read(ref _lastOutput));
            if (quiet >= silence || Stopwatch.GetElapsedTime(start) >= cap)
            {
                throw new TimeoutException($"rig did not exit: silent for {quiet.TotalSeconds:0} s (limit {silence}), running {Stopwatch.GetElapsedTime(start).TotalSeconds:0} s; stderr so far:\n{Stderr}");
            }
        }

        _process.WaitForExit(); // drain the output readers
        return _process.ExitCode;
    }

    private void Heard() => Interlocked.Exchange(ref _lastOutput, Stopwatch.GetTimestamp());

    /// <summary>True when rig exited within <paramref name="limit"/> (its output may still be coming).</summary>
    public bool WaitUntilExited(TimeSpan limit) => _process.WaitForExit(limit);

    public void Signal(int signal) => Libc.Kill(_process.Id, signal);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        _process.Dispose();
    }
}
