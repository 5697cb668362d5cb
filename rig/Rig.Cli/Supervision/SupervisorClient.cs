using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Rig.Drivers.Native;
using Rig.Engine.Bench;
using Rig.Engine.Runs;

namespace Rig.Cli.Supervision;

/// <summary>
/// Starts the supervisor (this rig re-executed as <c>rig supervise</c>, in a session of its own, so
/// no signal for rig's terminal or process group reaches it) and tells it, one JSON line at a
/// time on its standard input, which slots to watch. When rig ends by any means the kernel closes
/// that pipe; the supervisor then drives every slot not reported safe to its safe state.
/// </summary>
/// <remarks>
/// The slots' locks are handed down too (duplicated descriptors of the same open files), so a
/// slot stays locked until the supervisor has made it safe: no new run can power it meanwhile.
/// </remarks>
internal sealed class SupervisorClient : ISupervisor, IDisposable
{
    /// <summary>How long the supervisor may take to start (a busy Raspberry Pi), and to finish once rig is done.</summary>
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    private readonly Process _process;
    private readonly Lock _lock = new();
    private bool _broken;

    private SupervisorClient(Process process) => _process = process;

    /// <summary>Starts the supervisor for <paramref name="benchFile"/> and returns once it is ready to act.</summary>
    /// <exception cref="Rig.Protocols.RigFaultException">It did not start or did not get ready: nothing is powered without one.</exception>
    public static async Task<SupervisorClient> StartAsync(string benchFile, BenchConfig bench, IReadOnlyList<SlotLock> locks, CancellationToken ct)
    {
        var psi = new ProcessStartInfo("setsid") // util-linux; execs in place: rig's child is no group leader
        {
            UseShellExecute = false,
            RedirectStandardInput = true,
            RedirectStandardOutput = true, // one line, "ready"; its words for the operator go to rig's stderr
            WorkingDirectory = "/",
        };
        foreach (string a in RigCommand())
        {
            psi.ArgumentList.Add(a);
        }

        psi.ArgumentList.Add("supervise");
        psi.ArgumentList.Add("--bench");
        psi.ArgumentList.Add(Path.GetFullPath(benchFile));
        psi.ArgumentList.Add("--state-root");
        psi.ArgumentList.Add(bench.StateRoot);
        psi.ArgumentList.Add("--rig-pid");
        psi.ArgumentList.Add(Environment.ProcessId.ToString(CultureInfo.InvariantCulture));

        // Descriptors without close-on-exec reach only this child: rig starts nothing else before the supervisor.
        var held = new List<int>();
        try
        {
            foreach (SlotLock l in locks)
            {
                int fd = Libc.Dup((int)l.Handle.DangerousGetHandle());
                if (fd < 0)
                {
                    throw new Rig.Protocols.RigFaultException($"supervisor: cannot hand over the lock of slot '{l.Slot}': {Libc.StrError(Libc.Errno)}");
                }

                held.Add(fd);
                psi.ArgumentList.Add("--hold-fd");
                psi.ArgumentList.Add(fd.ToString(CultureInfo.InvariantCulture));
            }

            Process process = Process.Start(psi) ?? throw new Rig.Protocols.RigFaultException("supervisor: did not start");
            var client = new SupervisorClient(process);
            using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
            limit.CancelAfter(Limit);
            string? ready;
            try
            {
                ready = await process.StandardOutput.ReadLineAsync(limit.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
                ready = null;
            }

            if (ready != Supervisor.Ready)
            {
                client.Dispose();
                throw new Rig.Protocols.RigFaultException($"supervisor: did not get ready within {Limit.TotalSeconds:0} s; nothing was powered");
            }

            return client;
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new Rig.Protocols.RigFaultException($"supervisor: cannot start setsid: {e.Message}", e);
        }
        finally
        {
            foreach (int fd in held)
            {
                Libc.Close(fd);
            }
        }
    }

    public void Watch(SlotConfig slot, string? journalPath) => Send(new SupervisorMessage("watch", slot.Name, journalPath));

    public void Safe(string slot) => Send(new SupervisorMessage("safe", slot, null));

    public void Leave(string slot) => Send(new SupervisorMessage("leave", slot, null));

    private void Send(SupervisorMessage message)
    {
        lock (_lock)
        {
            if (_broken)
            {
                return;
            }

            try
            {
                _process.StandardInput.WriteLine(JsonSerializer.Serialize(message, SupervisorJson.Default.SupervisorMessage));
                _process.StandardInput.Flush();
            }
            catch (IOException e)
            {
                _broken = true;
                Console.Error.WriteLine($"rig: WARNING: the supervisor is gone ({e.Message}); if rig dies now, check the relays by hand");
            }
        }
    }

    /// <summary>Closes the pipe, as rig's death would, and waits until the supervisor is done (it releases the slots' locks).</summary>
    public void Dispose()
    {
        lock (_lock)
        {
            _broken = true;
            try
            {
                _process.StandardInput.Close();
            }
            catch (IOException)
            {
                // already gone
            }
        }

        if (!_process.WaitForExit(Limit))
        {
            Console.Error.WriteLine($"rig: WARNING: the supervisor (pid {_process.Id}) did not finish within {Limit.TotalSeconds:0} s; it still holds the slots");
        }

        _process.Dispose();
    }

    /// <summary>How to start this rig again: its own executable (an apphost or a native build), or the dotnet host and rig.dll.</summary>
    internal static string[] RigCommand()
    {
        string self = Environment.ProcessPath ?? throw new Rig.Protocols.RigFaultException("supervisor: cannot tell where rig runs from");
        return Path.GetFileNameWithoutExtension(self) == "dotnet"
            ? [self, Path.Combine(AppContext.BaseDirectory, "rig.dll")]
            : [self];
    }
}
