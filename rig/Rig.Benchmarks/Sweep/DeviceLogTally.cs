namespace Rig.Benchmarks.Sweep;

/// <summary>
/// What the device itself saw of a sweep, from its log: the logins it judged and the most sessions
/// logging in at once (a session counts from its first judged login to its close, so a mere port
/// probe does not). A tool's own account may differ: one that mangles what it sends reports pairs
/// the device never judged.
/// </summary>
internal sealed record DeviceLogTally(int Judged, int Accepted, int PeakLogins)
{
    public static DeviceLogTally Read(string stateDir)
    {
        int judged = 0, accepted = 0, peak = 0;
        var open = new HashSet<string>(StringComparer.Ordinal);
        foreach (string line in File.ReadLines(Path.Combine(stateDir, "vdev.log")))
        {
            // "<time> telnet 127.0.0.1:49892: connected" and the like
            int at = line.IndexOf(" telnet ", StringComparison.Ordinal);
            int colon = at < 0 ? -1 : line.IndexOf(": ", at, StringComparison.Ordinal);
            if (colon < 0)
            {
                continue;
            }

            string session = line[(at + 8)..colon];
            string what = line[(colon + 2)..];
            bool failed = what.StartsWith("login failed", StringComparison.Ordinal);
            bool ok = what.StartsWith("login as ", StringComparison.Ordinal) && what.EndsWith(" accepted", StringComparison.Ordinal);
            if (failed || ok)
            {
                judged++;
                accepted += ok ? 1 : 0;
                open.Add(session);
                peak = Math.Max(peak, open.Count);
            }
            else if (what == "closed")
            {
                open.Remove(session);
            }
        }

        return new DeviceLogTally(judged, accepted, peak);
    }
}
