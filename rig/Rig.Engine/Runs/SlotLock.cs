using System.Globalization;
using Microsoft.Win32.SafeHandles;
using Rig.Engine.Bench;

namespace Rig.Engine.Runs;

/// <summary>
/// One run per slot, across processes: an exclusive flock on a file in the bench's state folder,
/// held for the whole command. The kernel releases it when its holders die, even by SIGKILL, so a
/// crashed rig never leaves a slot locked. Beside it, a holder file names who holds it.
/// </summary>
public sealed class SlotLock : IDisposable
{
    private static readonly TimeSpan Poll = TimeSpan.FromMilliseconds(100);

    private readonly FileStream _file;

    private SlotLock(string slot, string path, FileStream file)
    {
        Slot = slot;
        Path = path;
        _file = file;
    }

    public string Slot { get; }

    public string Path { get; }

    /// <summary>The locked file, for handing the lock to the supervisor (it holds it until the slot is safe).</summary>
    public SafeFileHandle Handle => _file.SafeFileHandle;

    /// <summary>The folder of the bench's per-slot files: locks, holders, the supervisor's records.</summary>
    public static string Folder(BenchConfig bench) => System.IO.Path.Combine(bench.StateRoot, "slots");

    /// <summary>Takes the slot's lock, or waits for it when <paramref name="wait"/> is set.</summary>
    /// <param name="holder">Who takes it, shown to whoever finds the slot busy: e.g. "rig certify --slot s1 ...".</param>
    /// <exception cref="SlotBusyException">Another process holds it and <paramref name="wait"/> is false.</exception>
    public static async Task<SlotLock> AcquireAsync(BenchConfig bench, string slot, string holder, bool wait, CancellationToken ct)
    {
        string folder = Folder(bench);
        Directory.CreateDirectory(folder);
        string path = System.IO.Path.Combine(folder, slot + ".lock");
        while (true)
        {
            try
            {
                // FileShare.None takes flock(LOCK_EX | LOCK_NB) on the open file.
                var file = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
                WriteHolder(folder, slot, holder);
                return new SlotLock(slot, path, file);
            }
            catch (IOException) when (File.Exists(path))
            {
                if (!wait)
                {
                    throw new SlotBusyException($"slot '{slot}' is busy: {Holder(folder, slot)} holds it (give --wait to wait for it)");
                }

                await Task.Delay(Poll, ct).ConfigureAwait(false);
            }
        }
    }

    /// <summary>"rig pid 123 (rig certify --slot s1 ...)", from the holder file.</summary>
    public static string Holder(string folder, string slot)
    {
        try
        {
            string[] lines = File.ReadAllLines(System.IO.Path.Combine(folder, slot + ".holder"));
            return lines.Length >= 2 ? $"pid {lines[0]} ({lines[1]})" : "another process";
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return "another process";
        }
    }

    private static void WriteHolder(string folder, string slot, string holder)
    {
        string path = System.IO.Path.Combine(folder, slot + ".holder");
        string tmp = path + "." + Environment.ProcessId.ToString(CultureInfo.InvariantCulture);
        string line = holder.ReplaceLineEndings(" ");
        File.WriteAllText(tmp, $"{Environment.ProcessId.ToString(CultureInfo.InvariantCulture)}\n{(line.Length > 300 ? line[..300] + "..." : line)}\n");
        File.Move(tmp, path, overwrite: true);
    }

    public void Dispose() => _file.Dispose();
}

/// <summary>Another process runs on the slot: bad input (exit 2), nothing was done.</summary>
public sealed class SlotBusyException(string message) : Exception(message);
