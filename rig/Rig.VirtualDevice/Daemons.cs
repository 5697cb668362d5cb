namespace Rig.VirtualDevice;

/// <summary>
/// The device's network daemons that a shell can kill and start again (busybox killall, telnetd).
/// One device per process, so one table per process. Nothing here survives a power cycle: the
/// next boot starts what its init scripts start, which is how a lab's `killall telnetd` comes undone.
/// </summary>
internal static class Daemons
{
    private static readonly Lock Gate = new();
    private static readonly Dictionary<string, Daemon> Table = new(StringComparer.Ordinal);

    /// <summary>Makes <paramref name="name"/> killable; <paramref name="start"/> returns the running instance or null when it cannot start.</summary>
    public static void Register(string name, IDisposable? running, Func<IDisposable?> start)
    {
        lock (Gate)
        {
            Table[name] = new Daemon(start) { Running = running };
        }
    }

    /// <summary>busybox killall: what it prints.</summary>
    public static string Kill(string name)
    {
        lock (Gate)
        {
            if (!Table.TryGetValue(name, out Daemon? d) || d.Running is null)
            {
                return $"killall: {name}: no process killed\r\n";
            }

            d.Running.Dispose();
            d.Running = null;
            return "";
        }
    }

    /// <summary>Starts a daemon by hand, as typing its name in the shell does.</summary>
    public static string Start(string name)
    {
        lock (Gate)
        {
            if (!Table.TryGetValue(name, out Daemon? d))
            {
                return $"-sh: {name}: not found\r\n";
            }

            if (d.Running is not null)
            {
                return $"{name}: bind: Address already in use\r\n";
            }

            d.Running = d.StartNew();
            return d.Running is null ? $"{name}: bind: Address already in use\r\n" : "";
        }
    }

    /// <summary>Stops every daemon: power off.</summary>
    public static void StopAll()
    {
        lock (Gate)
        {
            foreach (Daemon d in Table.Values)
            {
                d.Running?.Dispose();
                d.Running = null;
            }
        }
    }

    private sealed class Daemon(Func<IDisposable?> start)
    {
        public IDisposable? Running { get; set; }

        public IDisposable? StartNew() => start();
    }
}
