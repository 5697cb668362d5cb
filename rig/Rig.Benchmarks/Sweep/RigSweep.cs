using System.Diagnostics;
using System.Net;
using System.Text;
using Rig.Engine.Actions;
using Rig.Protocols.Net;

namespace Rig.Benchmarks.Sweep;

/// <summary>
/// Rig's own sweep: the telnet port sweep the <c>credentials</c> action runs, with its default
/// timeouts and P sessions. A hit counts only with the nonce proof in the winning transcript.
/// </summary>
internal static class RigSweep
{
    public static async Task<SweepAnswer> RunAsync(IPEndPoint telnet, SweepCase sweep, int parallel, TimeSpan limit, CancellationToken ct)
    {
        TelnetLoginOptions options = CredentialsAction.LoginOptions(CredentialsAction.DefaultConnectTimeout, CredentialsAction.DefaultStepTimeout);
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(limit);
        long start = Stopwatch.GetTimestamp();
        TelnetSweepResult result;
        try
        {
            result = await new TelnetPortSweep(telnet, options, parallel).RunAsync(sweep.Pairs, deadline.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return SweepAnswer.DidNotFinish($"did not finish in {limit.TotalSeconds:0} s");
        }

        double seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        if (result.Hit is not { } hit)
        {
            return new SweepAnswer([], seconds, $"{result.Tried} tried");
        }

        string proof = Proven(hit.Login) ? "nonce echoed" : "NO nonce proof in its transcript";
        return new SweepAnswer([(hit.User, hit.Password)], seconds, $"{proof}, {result.Tried} tried");
    }

    /// <summary>The transcript shows the echo command going out and the joined nonce coming back.</summary>
    private static bool Proven(TelnetLoginResult login)
    {
        if (login.Proof is not { Length: > 0 } proof)
        {
            return false;
        }

        string sent = Text(login, TranscriptDirection.Sent);
        return sent.Contains("echo ", StringComparison.Ordinal) && Text(login, TranscriptDirection.Received).Contains(proof, StringComparison.Ordinal);
    }

    private static string Text(TelnetLoginResult login, TranscriptDirection direction) =>
        string.Concat(login.Transcript.Where(e => e.Direction == direction).Select(e => Encoding.Latin1.GetString(e.Data)));
}
