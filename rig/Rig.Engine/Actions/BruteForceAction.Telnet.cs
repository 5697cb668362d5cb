using System.Net;
using System.Security.Cryptography;
using Rig.Protocols.Net;
using Rig.Engine.Profiles;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary>Guessing over telnet: one wrong password per fresh connection, as a scanner sends them.</summary>
public sealed partial class BruteForceAction
{
    private async Task<ActionResult> RunTelnetAsync(ActionContext context, CancellationToken ct)
    {
        if (await DeviceSighting.UnseenAsync(context, service, ct).ConfigureAwait(false) is { } unseen)
        {
            return unseen; // guesses at a device not yet (or never) seen would prove nothing
        }

        IPAddress address = context.Profile.Address; // the only address this action reaches
        (LoginProtection? declared, string declaredText) = Declared(context);
        List<int> ports = context.Profile.PortsOf(service).Concat(CredentialsAction.TelnetDefaultPorts).Distinct().ToList();
        TelnetLoginOptions options = CredentialsAction.LoginOptions(connectTimeout, stepTimeout);
        string? silent = null;
        foreach (int port in ports)
        {
            var endpoint = new IPEndPoint(address, port);
            var log = new List<(long, string)>();
            long start = Monotonic.NowNs;
            log.Add((start, $"telnet {endpoint}: {attempts} wrong passwords for '{user}', one connection each; declared: {declaredText}"));
            int judged = 0;
            int? onset = null;
            string refusal = string.Empty;
            for (int i = 1; i <= attempts; i++)
            {
                TelnetLoginResult result = await TryWrongAsync(endpoint, options, ct).ConfigureAwait(false);
                long at = Monotonic.NowNs;
                log.Add((at, $"#{i} +{(at - start) / 1e6:0} ms: {result.Outcome} ({result.Detail})"));
                if (result.Outcome is TelnetLoginOutcome.Rejected)
                {
                    judged++;
                    continue;
                }

                // Anything but a refusal of the password: the device stopped judging guesses (locked, rate-limited, or gone).
                onset = i;
                refusal = result.Outcome.ToString();
                break;
            }

            if (judged == 0)
            {
                // Nothing listens here, or no login judged any password (an accept closed at once is a forwarder with nothing behind it).
                silent ??= onset == 1 && refusal == nameof(TelnetLoginOutcome.NoPrompt)
                    ? $"telnet on {endpoint} accepted and stayed silent: neither a login nor a closed port"
                    : null;
                continue;
            }

            string recovered = "not checked";
            if (onset is not null && declared is not null)
            {
                recovered = await TelnetRecoveryAsync(endpoint, options, declared.LockoutFor, log, ct).ConfigureAwait(false);
            }

            return Finish(context, Num(port), endpoint.ToString(), log, start, judged, onset, refusal, declared, declaredText, recovered);
        }

        if (silent is not null)
        {
            return DeviceSighting.Unobserved(context, "closed", silent);
        }

        // No telnet login answered: "closed" stands only if the device itself was seen.
        return await DeviceSighting.JudgeAsync(context, service, [], Closed(declaredText, ports), ct).ConfigureAwait(false);
    }

    private Task<TelnetLoginResult> TryWrongAsync(IPEndPoint endpoint, TelnetLoginOptions options, CancellationToken ct) =>
        TelnetLogin.TryAsync(endpoint, user, "rig-wrong-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), options, ct);

    private async Task<string> TelnetRecoveryAsync(IPEndPoint endpoint, TelnetLoginOptions options, TimeSpan lockFor, List<(long, string)> log, CancellationToken ct)
    {
        if (lockFor > maxRecoveryWait)
        {
            return $"not checked (the declared {Seconds(lockFor)} exceeds the plan's wait of {Seconds(maxRecoveryWait)})";
        }

        await Task.Delay(lockFor + TimeSpan.FromSeconds(0.5), ct).ConfigureAwait(false);
        TelnetLoginResult result = await TryWrongAsync(endpoint, options, ct).ConfigureAwait(false);
        log.Add((Monotonic.NowNs, $"after the declared {Seconds(lockFor)}: {result.Outcome} ({result.Detail})"));
        return result.Outcome is TelnetLoginOutcome.Rejected ? "yes" : $"no ({result.Outcome})";
    }
}
