namespace Rig.Reports.Model;

/// <summary>
/// What happened in the slot over the test, for the timeline picture. Offsets are nanoseconds
/// since the test started.
/// </summary>
/// <param name="DurationNs">From the start of the test to its end.</param>
/// <param name="Plans">When each plan ran and how it ended.</param>
/// <param name="Power">Power switched on or off (<see cref="PowerEvent.On"/>).</param>
/// <param name="Console">Console chunks as received: when, and how many bytes.</param>
/// <param name="Current">The power meter's readings, when the slot has one (empty otherwise).</param>
public sealed record Timeline(
    long DurationNs,
    IReadOnlyList<PlanSpan> Plans,
    IReadOnlyList<PowerEvent> Power,
    IReadOnlyList<ConsoleActivity> Console,
    IReadOnlyList<CurrentReading>? Current = null);

/// <summary>One plan's run; <paramref name="Verdict"/> is one of <see cref="Verdicts"/>.</summary>
public sealed record PlanSpan(string PlanId, long StartNs, long EndNs, string Verdict);

/// <summary>The slot's power was switched on (true) or off.</summary>
public sealed record PowerEvent(long OffsetNs, bool On);

/// <summary>A chunk of console bytes received at <paramref name="OffsetNs"/>.</summary>
public sealed record ConsoleActivity(long OffsetNs, long Bytes);

/// <summary>One reading of the slot's power meter: the current the device drew, in mA.</summary>
public sealed record CurrentReading(long OffsetNs, double Milliamps);
