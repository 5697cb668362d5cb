using Rig.Engine.Journal;
using System.Globalization;
using System.Net;
using Rig.Protocols.Net;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>ssh-credentials: { list: FILE }</c>: on each SSH port of the device (the plan's, else the
/// profile's declared ones plus 22 and 2222) tries every pair of the list with password login,
/// through the system's OpenSSH client, one connection per pair. A pair counts only when the
/// command's random nonce comes back. Ends with found, none (an SSH server answered, no pair
/// worked) or closed (no SSH server answers).
/// </summary>
public sealed class SshCredentialsAction(WordList list, IReadOnlyList<int> ports, TimeSpan connectTimeout, TimeSpan attemptTimeout) : IPlanAction
{
    public static readonly int[] DefaultPorts = [22, 2222];

    public string Kind => "ssh-credentials";

    public string Describe => $"ssh-credentials ({list.Pairs.Count} pairs)";

    public IReadOnlyList<string> Results => ["found", "none", "closed"];

    public IReadOnlyList<string> Sets => ["user", "password", "port", "ports", "tried", "methods", "server"];

    public WordList List => list;

    /// <summary>Where ssh is looked for; a test points it at a folder without one.</summary>
    public string? SearchPath { get; init; } = Environment.GetEnvironmentVariable("PATH");

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        // The rig's own tools first: a missing client is the rig's fault, whatever the device does.
        using OpenSshClient client = OpenSshClient.Find(SearchPath)
            ?? throw new RigFaultException("ssh-credentials: the OpenSSH client 'ssh' is not installed; install openssh-client (e.g. apt-get install openssh-client)");
        if (await DeviceSighting.UnseenAsync(context, "ssh", ct).ConfigureAwait(false) is { } unseen)
        {
            return unseen; // a sweep of a device not yet (or never) seen would prove nothing
        }

        IPAddress address = context.Profile.Address; // plans name no hosts: the profile's address is the only one reached
        List<int> toTry = PortsToTry(context);
        var answered = new List<int>();
        int tried = 0;
        SshLoginResult? last = null;
        foreach (int port in toTry)
        {
            var endpoint = new IPEndPoint(address, port);
            bool spoke = false;
            foreach ((string user, string password) in list.Pairs)
            {
                SshLoginResult result = await TryAsync(context, client, endpoint, user, password, ct).ConfigureAwait(false);
                if (result.Outcome is not (SshLoginOutcome.Accepted or SshLoginOutcome.Refused or SshLoginOutcome.Unproven))
                {
                    if (spoke)
                    {
                        last = result; // it stopped answering in the middle: the last session says how
                    }

                    break;
                }

                if (!spoke)
                {
                    answered.Add(port);
                    spoke = true;
                }

                tried++;
                last = result;
                if (result.Outcome == SshLoginOutcome.Accepted)
                {
                    ActionEvidence.Session(context, $"ssh {address}:{port}: login as {user}", result.Transcript);
                    return SweepResults.Found(user, password, port, tried, answered, Facts(result));
                }
            }
        }

        if (answered.Count == 0)
        {
            return await DeviceSighting.JudgeAsync(context, "ssh", answered, SweepResults.Closed(toTry), ct).ConfigureAwait(false);
        }

        if (last is not null)
        {
            ActionEvidence.Session(context, $"ssh {address}: last session of the sweep", last.Transcript);
        }

        return await DeviceSighting.JudgeAsync(context, "ssh", answered, SweepResults.None(tried, answered, Facts(last)), ct).ConfigureAwait(false);
    }

    /// <summary>What the server told about itself: the login methods it offered and its version.</summary>
    private static (string, string)[] Facts(SshLoginResult? result) =>
        [("methods", result?.Methods ?? "(none listed)"), ("server", result?.ServerVersion ?? "(unknown)")];

    private async Task<SshLoginResult> TryAsync(ActionContext context, OpenSshClient client, IPEndPoint endpoint, string user, string password, CancellationToken ct)
    {
        SshLoginResult result;
        try
        {
            result = await client.TryAsync(endpoint, user, password, connectTimeout, attemptTimeout, ct).ConfigureAwait(false);
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new RigFaultException($"ssh-credentials: cannot start the OpenSSH client: {e.Message}", e);
        }

        context.Journal.Append(new NetEvent(context.PlanId)
        {
            Connect = endpoint.ToString(),
            SshUser = user,
            Outcome = result.Outcome.ToString().ToLowerInvariant(),
            Detail = result.Detail,
        });
        return result;
    }

    /// <summary>
    /// The plan's ports, else the declared ones, then 22 and 2222. On loopback, ports the host itself
    /// listens on for every address are left out: they answer at the device's address but are the
    /// bench's (its own sshd, say), and the rig must not guess passwords there.
    /// </summary>
    private List<int> PortsToTry(ActionContext context) => PortsToTry(context, ports);

    /// <summary><see cref="PortsToTry(ActionContext)"/> for any action that logs in over SSH.</summary>
    internal static List<int> PortsToTry(ActionContext context, IReadOnlyList<int> ports)
    {
        List<int> all = ports.Count > 0 ? [.. ports] : context.Profile.PortsOf("ssh").Concat(DefaultPorts).Distinct().ToList();
        if (!IPAddress.IsLoopback(context.Profile.Address))
        {
            return all;
        }

        IReadOnlySet<int> host = HostListeners.WildcardPorts();
        List<int> hostOnly = all.Where(host.Contains).ToList();
        if (hostOnly.Count > 0)
        {
            context.Journal.Append(new NetEvent(context.PlanId) { HostListenersLeftOut = string.Join(",", hostOnly.Select(Num)) });
        }

        return all.Except(hostOnly).ToList();
    }

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
