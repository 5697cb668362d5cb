using System.Net;
using Rig.Protocols.Net;

namespace Rig.Engine.Actions;

/// <summary>
/// A credential sweep of one telnet port with up to <c>parallel</c> sessions at once. The
/// sessions share one queue of pairs in list order, and the first proven login (the shell echoed
/// the nonce) cancels the others. With one session it is the serial sweep, pair after pair.
/// </summary>
/// <param name="connected">Told of every connection attempt: the endpoint and why it failed (null when it worked).</param>
public sealed class TelnetPortSweep(IPEndPoint endpoint, TelnetLoginOptions options, int parallel, Action<IPEndPoint, string?>? connected = null)
{
    private readonly Action<IPEndPoint, string?> _connected = connected ?? ((_, _) => { });

    public async Task<TelnetSweepResult> RunAsync(IReadOnlyList<(string User, string Password)> pairs, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        // One connection first: a closed port is not worth more.
        var first = new PortSweep(endpoint, options, _connected);
        if (!await first.ConnectAsync(ct).ConfigureAwait(false))
        {
            await first.DisposeAsync().ConfigureAwait(false);
            return TelnetSweepResult.Closed;
        }

        var queue = new PairQueue(pairs.Count);
        var tally = new Tally();
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var workers = new List<Task> { WorkAsync(first, pairs, queue, tally, stop) };
        for (int i = 1; i < Math.Min(parallel, pairs.Count); i++)
        {
            workers.Add(WorkAsync(new PortSweep(endpoint, options, _connected), pairs, queue, tally, stop));
        }

        await Task.WhenAll(workers).ConfigureAwait(false);
        ct.ThrowIfCancellationRequested();
        return tally.Result();
    }

    private static async Task WorkAsync(
        PortSweep session, IReadOnlyList<(string User, string Password)> pairs, PairQueue queue, Tally tally, CancellationTokenSource stop)
    {
        await using (session.ConfigureAwait(false))
        {
            try
            {
                while (!stop.IsCancellationRequested && queue.TryTake(out int i))
                {
                    TelnetLoginResult? result = await session.TryAsync(pairs[i].User, pairs[i].Password, stop.Token).ConfigureAwait(false);
                    if (result is null)
                    {
                        queue.Return(i); // this session would not reconnect: another may still try the pair
                        return;
                    }

                    if (!Judged(result.Outcome) && tally.Unjudged(result))
                    {
                        // Closed or silent on a fresh connection too, and no pair judged yet: the port accepts but
                        // no login answers (a port forwarder with nothing behind it). The pair was not tried.
                        queue.Return(i);
                        return;
                    }

                    if (tally.Record(i, pairs[i], result))
                    {
                        await stop.CancelAsync().ConfigureAwait(false);
                    }
                }
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                // another session proved a login, or the run was cancelled
            }
            catch
            {
                await stop.CancelAsync().ConfigureAwait(false); // a rig fault ends every session, not just this one
                throw;
            }
        }
    }

    /// <summary>True when the device judged the pair: a refusal, a shell, or a prompt-like answer; not a close or silence before any verdict.</summary>
    private static bool Judged(TelnetLoginOutcome outcome) => outcome is not (TelnetLoginOutcome.Closed or TelnetLoginOutcome.NoPrompt);

    /// <summary>The sessions' findings, counted under one lock; nothing counts after the hit.</summary>
    private sealed class Tally
    {
        private readonly Lock _gate = new();
        private int _tried;
        private TelnetLoginResult? _last;
        private TelnetSweepHit? _hit;
        private readonly List<TelnetSweepAttempt> _attempts = [];
        private TelnetLoginResult? _unjudged;

        /// <summary>Notes an attempt the device did not judge; true when no pair was judged yet, so the session ends.</summary>
        public bool Unjudged(TelnetLoginResult result)
        {
            lock (_gate)
            {
                _unjudged ??= result;
                return _tried == 0;
            }
        }

        /// <summary>True when this attempt is the proven login that ends the sweep.</summary>
        public bool Record(int index, (string User, string Password) pair, TelnetLoginResult result)
        {
            lock (_gate)
            {
                if (_hit is not null)
                {
                    return false;
                }

                _tried++;
                _last = result;
                _attempts.Add(new TelnetSweepAttempt(Rig.Protocols.Monotonic.NowNs, index, pair.User, pair.Password, result.Outcome, result.Detail));
                if (result.GotShell)
                {
                    _hit = new TelnetSweepHit(index, pair.User, pair.Password, result);
                    return true;
                }

                return false;
            }
        }

        public TelnetSweepResult Result()
        {
            lock (_gate)
            {
                // Accepted connections alone are no telnet service: it answered only if it judged a pair.
                return _tried > 0
                    ? new TelnetSweepResult(true, _hit, _tried, _last, _attempts.ToList())
                    : TelnetSweepResult.Closed with { Silent = _unjudged?.Outcome == TelnetLoginOutcome.NoPrompt, Last = _unjudged };
            }
        }
    }
}
