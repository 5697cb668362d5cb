using System.Globalization;
using System.Net;
using Rig.Drivers.Net;

namespace Rig.Engine.Actions;

public sealed partial class CredentialsAction
{
    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        // The only address this action can reach is the one the profile declares: plans name no hosts.
        IPAddress address = context.Profile.Address;
        var options = new TelnetLoginOptions
        {
            ConnectTimeout = connectTimeout,
            PromptTimeout = stepTimeout,
            ResponseTimeout = stepTimeout,
        };
        var answered = new List<int>();
        int tried = 0;
        TelnetLoginResult? last = null;
        foreach (int port in PortsToTry(context))
        {
            var sweep = new PortSweep(new IPEndPoint(address, port), options, context);
            if (!await sweep.ConnectAsync(ct).ConfigureAwait(false))
            {
                continue; // nothing listens here
            }

            answered.Add(port);
            await using (sweep.ConfigureAwait(false))
            {
                foreach ((string user, string password) in list.Pairs)
                {
                    TelnetLoginResult? result = await sweep.TryAsync(user, password, ct).ConfigureAwait(false);
                    if (result is null)
                    {
                        break; // the device stopped taking connections on this port
                    }

                    tried++;
                    last = result;
                    if (result.GotShell)
                    {
                        ActionEvidence.Session(context, $"telnet {address}:{port}: login as {Shown(user)}", result.Transcript);
                        bool asked = result.Outcome == TelnetLoginOutcome.Accepted;
                        return new ActionResult("found", new Dictionary<string, string>
                        {
                            ["user"] = asked ? user : "(no login asked)",
                            ["password"] = asked ? password : string.Empty,
                            ["port"] = Num(port),
                            ["tried"] = Num(tried),
                            ["ports"] = string.Join(", ", answered),
                        });
                    }
                }
            }
        }

        if (answered.Count == 0)
        {
            return new ActionResult("closed", new Dictionary<string, string> { ["ports"] = string.Join(", ", PortsToTry(context)) });
        }

        if (last is not null)
        {
            ActionEvidence.Session(context, $"telnet {address}: last session of the sweep", last.Transcript);
        }

        return new ActionResult("none", new Dictionary<string, string> { ["tried"] = Num(tried), ["ports"] = string.Join(", ", answered) });
    }

    /// <summary>The plan's ports, else the profile's declared ones first, then Mirai's 23 and 2323.</summary>
    private List<int> PortsToTry(ActionContext context) =>
        ports.Count > 0 ? ports.ToList() : context.Profile.PortsOf(service).Concat(TelnetDefaultPorts).Distinct().ToList();

    private static string Shown(string user) => user.Length == 0 ? "(empty user)" : user;

    private static string Num(int n) => n.ToString(CultureInfo.InvariantCulture);
}
