using Rig.Engine.Journal;
using System.Net;
using System.Security.Cryptography;
using Rig.Protocols.Net;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>ftp-credentials: { list: FILE }</c>: on each FTP port of the device (the plan's, else the
/// profile's declared ones plus 21 and 2121) tries an anonymous login, then every pair of the list.
/// When one gets in, checks write access by creating and removing a scratch folder. Ends with
/// found, none or closed.
/// </summary>
public sealed class FtpCredentialsAction(WordList list, IReadOnlyList<int> ports, TimeSpan connectTimeout, TimeSpan stepTimeout) : IPlanAction
{
    public static readonly int[] DefaultPorts = [21, 2121];
    public const string AnonymousPassword = "rig@example.org";

    public string Kind => "ftp-credentials";

    public string Describe => $"ftp-credentials (anonymous, then {list.Pairs.Count} pairs)";

    public IReadOnlyList<string> Results => ["found", "none", "closed"];

    public IReadOnlyList<string> Sets => ["user", "password", "port", "ports", "tried", "access"];

    public WordList List => list;

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        if (await DeviceSighting.UnseenAsync(context, "ftp", ct).ConfigureAwait(false) is { } unseen)
        {
            return unseen; // a sweep of a device not yet (or never) seen would prove nothing
        }

        IPAddress address = context.Profile.Address; // the only address this action reaches
        List<int> toTry = ports.Count > 0 ? [.. ports] : context.Profile.PortsOf("ftp").Concat(DefaultPorts).Distinct().ToList();
        var answered = new List<int>();
        int tried = 0;
        FtpClient? lastClient = null;
        try
        {
            foreach (int port in toTry)
            {
                var endpoint = new IPEndPoint(address, port);
                FtpClient? client = await ConnectAsync(context, endpoint, ct).ConfigureAwait(false);
                if (client is null)
                {
                    continue;
                }

                answered.Add(port);
                IEnumerable<(string User, string Password)> pairs = [("anonymous", AnonymousPassword), .. list.Pairs];
                foreach ((string user, string password) in pairs)
                {
                    if (client is null)
                    {
                        // Servers drop the connection after some failures: reconnect once per pair.
                        client = await ConnectAsync(context, endpoint, ct).ConfigureAwait(false);
                        if (client is null)
                        {
                            break;
                        }
                    }

                    if (lastClient != client && lastClient is not null)
                    {
                        await lastClient.DisposeAsync().ConfigureAwait(false);
                    }

                    lastClient = client;
                    bool? ok = await TryAsync(client, user, password, ct).ConfigureAwait(false);
                    if (ok is null)
                    {
                        client = null; // closed or garbled: next pair on a new connection
                        continue;
                    }

                    tried++;
                    if (ok == true)
                    {
                        string access = await WriteCheckAsync(client, ct).ConfigureAwait(false);
                        ActionEvidence.Session(context, $"ftp {address}:{port}: login as {user} ({access})", client.Transcript.Snapshot());
                        return SweepResults.Found(user, password, port, tried, answered, ("access", access));
                    }
                }
            }

            if (answered.Count == 0)
            {
                return await DeviceSighting.JudgeAsync(context, "ftp", answered, SweepResults.Closed(toTry), ct).ConfigureAwait(false);
            }

            if (lastClient is not null)
            {
                ActionEvidence.Session(context, $"ftp {address}: last session of the sweep", lastClient.Transcript.Snapshot());
            }

            return await DeviceSighting.JudgeAsync(context, "ftp", answered, SweepResults.None(tried, answered), ct).ConfigureAwait(false);
        }
        finally
        {
            if (lastClient is not null)
            {
                await lastClient.DisposeAsync().ConfigureAwait(false);
            }
        }
    }

    /// <summary>True logged in, false refused, null when the session broke before a verdict.</summary>
    private static async Task<bool?> TryAsync(FtpClient client, string user, string password, CancellationToken ct)
    {
        try
        {
            FtpReply reply = await client.CommandAsync($"USER {user}", ct).ConfigureAwait(false);
            if (reply.Code == 230)
            {
                return true; // in without a password
            }

            if (reply.Code != 331)
            {
                return false;
            }

            reply = await client.CommandAsync($"PASS {password}", ct).ConfigureAwait(false);
            return reply.Code == 230;
        }
        catch (FtpProtocolException)
        {
            return null;
        }
    }

    /// <summary>"read-write" when a scratch folder could be created (it is removed again), else "read-only".</summary>
    private static async Task<string> WriteCheckAsync(FtpClient client, CancellationToken ct)
    {
        string name = "rig-write-check-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
        try
        {
            FtpReply made = await client.CommandAsync($"MKD {name}", ct).ConfigureAwait(false);
            if (made.Code != 257)
            {
                return "read-only";
            }

            await client.CommandAsync($"RMD {name}", ct).ConfigureAwait(false);
            return "read-write";
        }
        catch (FtpProtocolException)
        {
            return "read-only (the write check broke the session)";
        }
    }

    private async Task<FtpClient?> ConnectAsync(ActionContext context, IPEndPoint endpoint, CancellationToken ct)
    {
        try
        {
            (FtpClient client, FtpReply greeting) = await FtpClient.ConnectAsync(endpoint, connectTimeout, stepTimeout, ct).ConfigureAwait(false);
            context.Journal.Append(new NetEvent(context.PlanId) { Connect = endpoint.ToString() });
            if (greeting.Code != 220)
            {
                await client.DisposeAsync().ConfigureAwait(false);
                return null;
            }

            return client;
        }
        catch (Exception e) when (e is ServiceConnectException or FtpProtocolException)
        {
            context.Journal.Append(new NetEvent(context.PlanId) { Connect = endpoint.ToString(), Failed = e.Message });
            return null;
        }
    }
}
