using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Rig.Cli.Composition;
using Rig.Drivers.Native;
using Rig.Engine.Bench;
using Rig.Engine.Journal;
using Rig.Engine.Runs;
using Rig.Protocols;

namespace Rig.Cli.Supervision;

/// <summary>
/// The supervisor's side: reads rig's messages until the pipe closes (rig ended, by any means),
/// then drives every slot still watched to the bench's safe state with the slot's own power
/// switch, and records that in the run's journal and the slot's record in the bench's state folder.
/// </summary>
internal static class Supervisor
{
    /// <summary>What the supervisor prints once it can act: rig powers nothing before it reads this.</summary>
    public const string Ready = "rig-supervisor-ready";

    /// <summary>How long one slot's switch may take to reach its safe state (a command backend's timeout fits).</summary>
    private static readonly TimeSpan SwitchLimit = TimeSpan.FromSeconds(30);

    public static async Task<int> RunAsync(BenchConfig bench, int rigPid, IReadOnlyList<int> heldLocks)
    {
        foreach (int fd in heldLocks)
        {
            // Held here until the end; the power-off commands this process runs must not inherit them.
            Libc.Fcntl(fd, Libc.F_SETFD, Libc.FD_CLOEXEC);
        }

        string rig = $"rig pid {rigPid} ({RigCommandLineOf(rigPid)})";
        var watched = new Dictionary<string, string?>(StringComparer.Ordinal);
        await using (Stream stdout = Console.OpenStandardOutput())
        {
            stdout.Write(Encoding.ASCII.GetBytes(Ready + "\n"));
        }

        using (var input = new StreamReader(Console.OpenStandardInput()))
        {
            while (await input.ReadLineAsync().ConfigureAwait(false) is { } line)
            {
                SupervisorMessage? m = JsonSerializer.Deserialize(line, SupervisorJson.Default.SupervisorMessage);
                if (m is null || !bench.Slots.ContainsKey(m.Slot))
                {
                    continue;
                }

                if (m.Op == "watch")
                {
                    watched[m.Slot] = m.Journal;
                }
                else
                {
                    watched.Remove(m.Slot);
                }
            }
        }

        // The pipe closed: rig ended, or is ending, without saying these slots are safe.
        await Task.WhenAll(watched.Select(w => DriveSafeAsync(bench, bench.Slots[w.Key], w.Value, rig))).ConfigureAwait(false);
        return ExitCodes.Ok;
    }

    private static async Task DriveSafeAsync(BenchConfig bench, SlotConfig slot, string? journal, string rig)
    {
        long started = Stopwatch.GetTimestamp();
        string safe = slot.SafeState.ToString().ToLowerInvariant();
        string? error = null;
        try
        {
            IPowerSwitch power = DriverFactory.CreatePower(slot);
            await using (power.ConfigureAwait(false))
            {
                using var limit = new CancellationTokenSource(SwitchLimit);
                await PowerSwitches.EnterAsync(power, slot.SafeState, limit.Token).ConfigureAwait(false);
            }
        }
        catch (Exception e)
        {
            error = e.Message;
        }

        double ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
        string what = error is null
            ? $"{rig} ended without making slot '{slot.Name}' safe; the supervisor drove it {safe} in {ms:0} ms"
            : $"{rig} ended without making slot '{slot.Name}' safe; the supervisor could not drive it {safe}: {error}; check the relay by hand";
        Say(what);
        RecordInSlot(bench, slot.Name, what);
        if (journal is not null)
        {
            RecordInJournal(journal, slot, error, ms, rig);
        }
    }

    private static void RecordInJournal(string journal, SlotConfig slot, string? error, double ms, string rig)
    {
        try
        {
            using JournalWriter writer = JournalWriter.Continue(journal);
            writer.Append(new SupervisorSafeStateEvent(slot.Name, slot.SafeState.ToString().ToLowerInvariant(), rig, Math.Round(ms, 1), error));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Say($"cannot record in {journal}: {e.Message}");
        }
    }

    /// <summary>One line per intervention in STATE_ROOT/slots/SLOT.supervisor.log: what the slot went through while no rig watched it.</summary>
    private static void RecordInSlot(BenchConfig bench, string slot, string what)
    {
        try
        {
            string utc = DateTime.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);
            File.AppendAllText(Path.Combine(SlotLock.Folder(bench), slot + ".supervisor.log"), $"{utc} {what}\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            Say($"cannot record in the bench's state folder: {e.Message}");
        }
    }

    /// <summary>To rig's stderr, which the operator still sees; nobody may be reading any more.</summary>
    private static void Say(string text)
    {
        try
        {
            Console.Error.WriteLine($"rig supervisor: {text}");
        }
        catch (IOException)
        {
        }
    }

    private static string RigCommandLineOf(int pid)
    {
        try
        {
            string[] args = File.ReadAllText($"/proc/{pid}/cmdline").TrimEnd('\0').Split('\0');
            string shown = string.Join(' ', args.Skip(args.Length > 1 && Path.GetFileName(args[0]) == "dotnet" ? 2 : 1).Prepend("rig"));
            return shown.Length > 200 ? shown[..200] + "..." : shown;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "rig";
        }
    }
}
