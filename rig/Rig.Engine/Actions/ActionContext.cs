using Rig.Engine.Bench;
using Rig.Engine.Journal;
using Rig.Engine.Profiles;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary>What an action may use: the slot's protocols, the profile's declarations, the journal.</summary>
public sealed class ActionContext
{
    public required string PlanId { get; init; }

    public required SlotConfig Slot { get; init; }

    public required IPowerSwitch Power { get; init; }

    public required IConsole Console { get; init; }

    public required DeviceProfile Profile { get; init; }

    /// <summary>The lab's record of this unit (label password, planted canaries): secrets for actions, never for the journal.</summary>
    public Profiles.UnitRecord Unit { get; init; } = Profiles.UnitRecord.None;

    public required JournalWriter Journal { get; init; }

    /// <summary>Replaces {{name}} with the plan's current variables.</summary>
    public required Func<string, string> Expand { get; init; }

    /// <summary>Tells the engine that power is about to come on: patterns then see only the new boot's output.</summary>
    public required Func<CancellationToken, Task> PowerComingOnAsync { get; init; }

    /// <summary>Opens a view of the console output from now on, for an action that talks to the console itself.</summary>
    public required Func<ConsoleTap> OpenConsoleTap { get; init; }

    /// <summary>Tells the plan the power changed (for <c>event: power-on|power-off</c> transitions).</summary>
    public required Action<string> PowerChanged { get; init; }

    /// <summary>Offset in <see cref="ConsoleLogPath"/> where the last power-on began: the log's length when the command was issued (0 before any).</summary>
    public required Func<long> PowerOnOffset { get; init; }

    /// <summary>The run's raw console capture (every byte, as received).</summary>
    public required string ConsoleLogPath { get; init; }

    /// <summary>Where an action puts a transcript it wants shown as evidence.</summary>
    public required Action<EvidenceTranscript> AddEvidence { get; init; }
}

/// <summary>A network session shown as evidence: every chunk in and out with its time.</summary>
public sealed record EvidenceTranscript(string Title, IReadOnlyList<TranscriptLine> Lines);

/// <summary>One chunk of a transcript; <see cref="Outgoing"/> is true for what the rig sent.</summary>
public sealed record TranscriptLine(long MonoNs, bool Outgoing, byte[] Data);
