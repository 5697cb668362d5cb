using Rig.Engine.Actions;
using Rig.Engine.Bench;
using Rig.Engine.Journal;
using Rig.Engine.Profiles;
using Rig.Expect;
using Rig.Protocols;

namespace Rig.Engine.Engine;

/// <summary>
/// One slot during a run: its power switch, its console (captured from before the first power-on
/// until teardown), its journal and its event queue. Plans run on it one after another.
/// </summary>
public sealed class SlotSession : IAsyncDisposable
{
    private readonly ConsoleRecorder _recorder;

    /// <param name="meter">The slot's power meter, read from now until the session ends; the session disposes it.</param>
    public SlotSession(SlotConfig slot, DeviceProfile profile, IPowerSwitch power, IConsole console, JournalWriter journal, string rawLogPath, IPowerMeter? meter = null)
    {
        Slot = slot;
        Profile = profile;
        Power = power;
        Console = console;
        Journal = journal;
        Feed = new ConsoleFeed(Queue);
        _recorder = new ConsoleRecorder(rawLogPath, journal, slot.Name);
        console.Subscribe(_recorder);
        console.Subscribe(Taps);
        console.Subscribe(Feed); // last: the loop may react on this thread, after the log and the taps have the chunk
        console.Start();
        if (meter is not null)
        {
            _sampler = new PowerSampler(meter, slot.Meter?.Rate ?? Bench.MeterReader.DefaultRate, slot.Name, journal, Queue);
        }
    }

    private readonly PowerSampler? _sampler;

    /// <summary>How often the slot's power meter is read; null when the slot has none.</summary>
    public TimeSpan? MeterInterval => _sampler?.Interval;

    /// <summary>Why the slot has no meter although the bench declares one (it could not be opened); null otherwise.</summary>
    public string? MeterFault { get; init; }

    public SlotConfig Slot { get; }

    public DeviceProfile Profile { get; }

    /// <summary>The lab's record of the unit in the slot: what the lab knows beyond its model's profile.</summary>
    public Profiles.UnitRecord Unit { get; init; } = Profiles.UnitRecord.None;

    public IPowerSwitch Power { get; }

    public IConsole Console { get; }

    public JournalWriter Journal { get; }

    public string RawLogPath => _recorder.RawPath;

    /// <summary>Bytes the device has printed so far this run: the raw log's length.</summary>
    public long ConsoleOffset => _recorder.Offset;

    /// <summary>
    /// The raw log's offset when the last power-on command was issued (0 before any): "since
    /// power-on" includes what the device prints while a slow switch is still completing.
    /// </summary>
    public long PowerOnOffset => Volatile.Read(ref _powerOnOffset);

    private long _powerOnOffset;

    /// <summary>Marks the moment a power-on command is issued.</summary>
    internal void PowerOnIssued() => Volatile.Write(ref _powerOnOffset, _recorder.Offset);

    internal RunEventQueue Queue { get; } = new();

    internal ConsoleFeed Feed { get; }

    /// <summary>Where actions open their own views of the console.</summary>
    public ConsoleTaps Taps { get; } = new();

    /// <summary>Sized for prompts and boot banners; a flood only ever costs this much.</summary>
    internal ExpectBuffer Expect { get; } = new(window: 64 * 1024, lookback: 4096);

    /// <summary>The death patterns' own view of the output: they are armed in every state, even while actions run.</summary>
    internal ExpectBuffer Death { get; } = new(window: 64 * 1024, lookback: 4096);

    /// <summary>Bytes moved into the buffers between two scans: half a window, so the look-back always survives the move.</summary>
    private const int DrainSlice = 32 * 1024;

    /// <summary>
    /// Moves waiting console bytes into both buffers a slice at a time, yielding after each: the
    /// caller scans there, so every byte is searched however much piled up while the loop was busy
    /// (a single append larger than the window would leave its head unsearched).
    /// </summary>
    internal IEnumerable<int> DrainSlices()
    {
        ReadOnlyMemory<byte> taken = Feed.Take();
        for (int at = 0; at < taken.Length; at += DrainSlice)
        {
            ReadOnlyMemory<byte> slice = taken.Slice(at, Math.Min(DrainSlice, taken.Length - at));
            Expect.Append(slice.Span);
            Death.Append(slice.Span);
            yield return at;
        }
    }

    /// <summary>Forgets unconsumed output (a new plan, a new boot): old output never matches later patterns.</summary>
    internal void ForgetOutput()
    {
        foreach (int _ in DrainSlices())
        {
        }

        Expect.Flush();
        Death.Flush();
    }

    /// <summary>Numbers state entries across plans, so a late timer or action of an earlier state is ignored.</summary>
    internal long NextEntry() => ++_entries;

    private long _entries;

    /// <summary>Variables every plan starts with: what the profile declares.</summary>
    public Dictionary<string, string> BaseVariables()
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["slot"] = Slot.Name,
            ["profile"] = Profile.Name,
            ["model"] = Profile.Model,
            ["manufacturer"] = Profile.Manufacturer,
            ["address"] = Profile.Address.ToString(),
            ["boot_time"] = Config.Duration.Format(Profile.BootTime),
        };
        foreach (DeclaredService s in Profile.Services)
        {
            vars[$"port.{s.Name}"] = s.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        return vars;
    }

    /// <summary>Drives the relay to the bench's safe state. Used on every exit path; never throws.</summary>
    public async Task<bool> EnterSafeStateAsync()
    {
        using var cts = new CancellationTokenSource(TimeSpan.FromSeconds(30)); // a fresh token: the run's may be cancelled
        try
        {
            await PowerSwitches.EnterAsync(Power, Slot.SafeState, cts.Token).ConfigureAwait(false);

            Journal.Append(new SafeStateEvent(Slot.Name, Slot.SafeState.ToString().ToLowerInvariant()));
            return true;
        }
        catch (Exception e)
        {
            Journal.Append(new SafeStateFailedEvent(Slot.Name, e.Message));
            return false;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_sampler is not null)
        {
            await _sampler.DisposeAsync().ConfigureAwait(false);
        }

        await Console.DisposeAsync().ConfigureAwait(false);
        _recorder.Dispose();
    }
}
