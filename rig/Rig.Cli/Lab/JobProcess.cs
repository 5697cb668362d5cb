using System.Diagnostics;
using Rig.Cli.Supervision;
using Rig.Drivers.Native;

namespace Rig.Cli.Lab;

/// <summary>
/// One job's <c>rig certify</c>, as a child process of the agent. It is started through
/// <c>setpriv --pdeathsig TERM</c> from a thread that lives until the child ends: if the agent dies
/// by any means, the kernel sends the child SIGTERM, and rig ends its run as on Ctrl-C — relays to
/// their safe state, its own supervisor covering the rest. (The death signal follows the thread
/// that forked, hence the dedicated thread.)
/// </summary>
internal sealed class JobProcess
{
    private readonly TaskCompletionSource<int> _exit = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<int> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly OutputTailBuffer _stderr = new();

    private JobProcess()
    {
    }

    public int Pid { get; private set; }

    public Task<int> Exited => _exit.Task;

    /// <summary>The last lines rig printed on stderr (its reason, when it failed).</summary>
    public string LastError => _stderr.Text;

    public static async Task<JobProcess> StartAsync(IReadOnlyList<string> rigArgs)
    {
        var job = new JobProcess();
        var thread = new Thread(() => job.Run(rigArgs)) { IsBackground = true, Name = "rig job" };
        thread.Start();
        job.Pid = await job._started.Task.ConfigureAwait(false);
        return job;
    }

    /// <summary>Asks rig to stop (SIGTERM): it ends the plan, drives the slot safe and still writes its folder.</summary>
    public void Stop() => Libc.Kill(Pid, 15);

    private void Run(IReadOnlyList<string> rigArgs)
    {
        try
        {
            var info = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
            foreach (string a in (string[])["--pdeathsig", "TERM", "--", .. SupervisorClient.RigCommand(), .. rigArgs])
            {
                info.ArgumentList.Add(a);
            }

            using Process p = Process.Start(info)!;
            p.StandardInput.Close();
            p.OutputDataReceived += (_, _) => { }; // progress goes through the journal, not stdout
            p.ErrorDataReceived += (_, e) => { if (e.Data is not null) { _stderr.Add(e.Data); } };
            p.BeginOutputReadLine();
            p.BeginErrorReadLine();
            _started.TrySetResult(p.Id);
            p.WaitForExit();
            _exit.TrySetResult(p.ExitCode);
        }
        catch (Exception e)
        {
            _started.TrySetException(e);
            _exit.TrySetException(e);
        }
    }

    /// <summary>The last few lines of a child's stderr, bounded: a chatty failure cannot fill the agent's memory.</summary>
    private sealed class OutputTailBuffer
    {
        private readonly Queue<string> _lines = new();

        public string Text { get { lock (_lines) { return string.Join("\n", _lines); } } }

        public void Add(string line)
        {
            lock (_lines)
            {
                _lines.Enqueue(line.Length > 500 ? line[..500] : line);
                while (_lines.Count > 8)
                {
                    _lines.Dequeue();
                }
            }
        }
    }
}
