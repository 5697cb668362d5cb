using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rig.Cli.Lab;

/// <summary>
/// One job as the lab sees it, kept in the job bucket. What to run (bench, slot, profile, plans or
/// scheme, unit identity) is fixed at submission; the agent fills in the rest as the job goes.
/// </summary>
internal sealed record JobRecord
{
    public required string Id { get; init; }

    public required string Bench { get; init; }

    public required string Slot { get; init; }

    /// <summary>A profile file on the agent's machine, or a shipped profile's name.</summary>
    public required string Profile { get; init; }

    public string[] Plans { get; init; } = [];

    public string? Scheme { get; init; }

    public string? Serial { get; init; }

    public string? Submitter { get; init; }

    public required DateTimeOffset Submitted { get; init; }

    /// <summary>queued, running, done, error or cancelled.</summary>
    public string State { get; init; } = JobStates.Queued;

    public string? Agent { get; init; }

    public DateTimeOffset? Started { get; init; }

    public DateTimeOffset? Ended { get; init; }

    /// <summary>While running: the plan and state the journal last reported.</summary>
    public string? Plan { get; init; }

    public string? PlanState { get; init; }

    /// <summary>When done: rig certify's exit code and what it means.</summary>
    public int? Exit { get; init; }

    public string? Outcome { get; init; }

    /// <summary>Why the job ended as error or cancelled.</summary>
    public string? Reason { get; init; }

    public bool CancelRequested { get; init; }

    /// <summary>The submitter allows one more run if the agent is lost mid-job (rig submit --retry).</summary>
    public bool Retry { get; init; }

    /// <summary>How many times the job was queued again after its agent was lost (at most once).</summary>
    public int Retried { get; init; }

    /// <summary>The device label the job was submitted for, if any (resolved to bench and slot at submission).</summary>
    public string? Device { get; init; }


    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this, LabJson.Default.JobRecord);

    public static JobRecord FromJson(ReadOnlySpan<byte> json) =>
        JsonSerializer.Deserialize(json, LabJson.Default.JobRecord) ?? throw new InvalidDataException("empty job record");

    public bool Finished => State is JobStates.Done or JobStates.Error or JobStates.Cancelled;
}

internal static class JobStates
{
    public const string Queued = "queued";
    public const string Running = "running";
    public const string Done = "done";
    public const string Error = "error";
    public const string Cancelled = "cancelled";
}
