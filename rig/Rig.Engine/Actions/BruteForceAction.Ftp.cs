using System.Net;
using Rig.Protocols.Net;
using Rig.Engine.Journal;

namespace Rig.Engine.Actions;

/// <summary>Guessing over FTP: USER and a wrong PASS on a fresh connection each, as a scanner sends them.</summary>
public sealed partial class BruteForceAction
{
    private Task<ActionResult> RunFtpAsync(ActionContext context, CancellationToken ct)
    {
        List<int> ports = context.Profile.PortsOf("ftp").Concat(FtpCredentialsAction.DefaultPorts).Distinct().ToList();
        return RunEachPortAsync(context, ports, endpoint => (password, ct) => FtpGuessAsync(context, endpoint, password, ct), ct);
    }

    private async Task<Guess> FtpGuessAsync(ActionContext context, IPEndPoint endpoint, string password, CancellationToken ct)
    {
        FtpClient client;
        FtpReply greeting;
        try
        {
            (client, greeting) = await FtpClient.ConnectAsync(endpoint, connectTimeout, stepTimeout, ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is ServiceConnectException or FtpProtocolException)
        {
            context.Journal.Append(new NetEvent(context.PlanId) { Connect = endpoint.ToString(), Failed = e.Message });
            return new Guess(GuessAnswer.Unjudged, e is ServiceConnectException c ? c.Failure.ToString().ToLowerInvariant() : "no FTP greeting");
        }

        await using (client.ConfigureAwait(false))
        {
            context.Journal.Append(new NetEvent(context.PlanId) { Connect = endpoint.ToString() });
            if (greeting.Code != 220)
            {
                return new Guess(GuessAnswer.Unjudged, $"greeting {greeting.Code}");
            }

            try
            {
                FtpReply reply = await client.CommandAsync($"USER {user}", ct).ConfigureAwait(false);
                if (reply.Code == 331)
                {
                    reply = await client.CommandAsync($"PASS {password}", ct).ConfigureAwait(false);
                }

                return reply.Code switch
                {
                    230 => new Guess(GuessAnswer.Accepted, "230 logged in"),
                    530 => new Guess(GuessAnswer.Refused, "530"),
                    _ => new Guess(GuessAnswer.Unjudged, $"answer {reply.Code}"),
                };
            }
            catch (FtpProtocolException e)
            {
                return new Guess(GuessAnswer.Unjudged, $"session broke ({e.Message})");
            }
        }
    }
}
