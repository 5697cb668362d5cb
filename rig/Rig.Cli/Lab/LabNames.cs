namespace Rig.Cli.Lab;

/// <summary>The lab's streams, buckets and subjects on the NATS server: one place, so agents and users agree.</summary>
internal static class LabNames
{
    /// <summary>Work-queue stream of jobs: a message is gone once an agent takes it, so a job never runs twice by itself.</summary>
    public const string JobStream = "RIG_JOBS";

    /// <summary>Every journal line of every job, kept so a late <c>rig watch</c> sees the whole run.</summary>
    public const string ProgressStream = "RIG_PROGRESS";

    /// <summary>Key-value bucket: one record per job (queued, running with plan and state, done, error, cancelled).</summary>
    public const string JobBucket = "rig-jobs";

    /// <summary>Key-value bucket of bench claims: an agent keeps its key alive; a key that expires means the agent is gone.</summary>
    public const string AgentBucket = "rig-agents";

    /// <summary>Object store of signed result folders, one object per file, named JOB/PATH.</summary>
    public const string ResultStore = "rig-results";

    /// <summary>How long an agent's claim lives without a heartbeat.</summary>
    public static readonly TimeSpan ClaimLife = TimeSpan.FromSeconds(15);

    public static string JobSubject(string bench, string slot) => $"rig.jobs.{bench}.{slot}";

    public static string ProgressSubject(string job) => $"rig.progress.{job}";

    public static string CancelSubject(string job) => $"rig.cancel.{job}";

    public static string AgentKey(string bench) => $"bench.{bench}";

    /// <summary>Bench and slot names become subject tokens and keys: only letters, digits, '-' and '_'.</summary>
    public static string Token(string what, string value)
    {
        if (value.Length is 0 or > 64 || !value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_'))
        {
            throw new Commands.UsageException($"{what} '{value}' cannot be used in the lab: use 1 to 64 letters, digits, '-' or '_'");
        }

        return value;
    }
}
