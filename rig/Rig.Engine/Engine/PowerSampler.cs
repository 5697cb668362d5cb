using Rig.Engine.Journal;
using Rig.Protocols;

namespace Rig.Engine.Engine;

/// <summary>
/// Reads the slot's power meter at the bench's rate for as long as the session lasts: each reading
/// goes to the journal (the raw samples) and to the run's queue (for <c>current:</c> events). A
/// failed reading is journaled once per streak of failures and posts nothing: a gap, never a zero.
/// </summary>
internal sealed class PowerSampler : IAsyncDisposable
{
    private readonly IPowerMeter _meter;
    private readonly string _slot;
    private readonly JournalWriter _journal;
    private readonly RunEventQueue _queue;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public PowerSampler(IPowerMeter meter, double rate, string slot, JournalWriter journal, RunEventQueue queue)
    {
        _meter = meter;
        _slot = slot;
        _journal = journal;
        _queue = queue;
        Interval = TimeSpan.FromSeconds(1 / rate);
        _loop = Task.Run(() => LoopAsync(_stop.Token));
    }

    public TimeSpan Interval { get; }

    private async Task LoopAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(Interval);
        bool failing = false;
        do
        {
            PowerReading reading;
            long at;
            try
            {
                reading = _meter.Read();
                at = Monotonic.NowNs;
            }
            catch (Exception e)
            {
                // The meter is the lab's hardware, not the device: whatever it throws is a reading that failed.
                if (!failing)
                {
                    _journal.Append(new WarningEvent($"power meter {_meter.Describe}: a reading failed ({e.Message}); samples resume when it answers"));
                }

                failing = true;
                continue;
            }

            failing = false;
            _journal.Append(new PowerSampleEvent(_slot, reading.Milliamps, reading.BusVolts), at);
            _queue.Post(new CurrentSampled(at, reading.Milliamps));
        }
        while (await Tick(timer, ct).ConfigureAwait(false));
    }

    private static async ValueTask<bool> Tick(PeriodicTimer timer, CancellationToken ct)
    {
        try
        {
            return await timer.WaitForNextTickAsync(ct).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync().ConfigureAwait(false);
        await _loop.ConfigureAwait(false);
        _stop.Dispose();
        _meter.Dispose();
    }
}
