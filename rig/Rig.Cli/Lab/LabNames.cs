namespace Rig.Cli.Lab;

/// <summary>
/// The lab's streams, buckets and subjects on the NATS server: one place, so agents, users and the
/// server's permissions agree. Everything a bench's agent may touch carries the bench's name as a
/// whole subject token or in a stream's name, so a permission can name it.
/// </summary>
internal static class LabNames
{
    /// <summary>Every journal line of every job, kept so a late <c>rig watch</c> sees the whole run.</summary>
    public const string ProgressStream = "RIG_PROGRESS";

    /// <summary>Key-value bucket: one record per job (queued, running with plan and state, done, error, cancelled), keyed by job id.</summary>
    public const string JobBucket = "rig-jobs";

    /// <summary>Key-value bucket: each slot's state (idle, or the job it runs), keyed BENCH.SLOT.</summary>
    public const string SlotBucket = "rig-slots";

    /// <summary>Key-value bucket of bench claims: an agent keeps its key alive; a key that expires means the agent is gone.</summary>
    public const string AgentBucket = "rig-agents";

    /// <summary>
    /// How long an agent's claim lives without a heartbeat: longer than a network drop the lab
    /// rides out (a minute), so an agent cut off for that long still holds its bench and its jobs.
    /// </summary>
    public static readonly TimeSpan ClaimLife = TimeSpan.FromMinutes(2);

    /// <summary>How often an agent renews its claim.</summary>
    public static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(5);

    /// <summary>Work-queue stream of one bench's jobs: a message is gone once its agent takes it, so a job never runs twice by itself.</summary>
    public static string JobStream(string bench) => $"RIG_JOBS_{bench}";

    /// <summary>Object store of one bench's signed result folders, one object per file, named JOB/PATH.</summary>
    public static string ResultStore(string bench) => $"rig-results-{bench}";

    public static string JobSubject(string bench, string slot) => $"rig.jobs.{bench}.{slot}";

    public static string ProgressSubject(string job) => $"rig.progress.{job}";

    public static string CancelSubject(string job) => $"rig.cancel.{job}";

    public static string AgentKey(string bench) => $"bench.{bench}";

    public static string SlotKey(string bench, string slot) => $"{bench}.{slot}";

    /// <summary>A new job id, BENCH.STAMP: sortable by time within a bench, unique without coordination, and its bench a token of its own.</summary>
    public static string NewJobId(string bench) => $"{bench}.{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Guid.NewGuid().ToString("N")[..10]}";

    /// <summary>The bench a job id names; a malformed id is the user's error.</summary>
    public static string BenchOf(string what, string job)
    {
        int dot = job.IndexOf('.', StringComparison.Ordinal);
        if (dot <= 0 || job.IndexOf('.', dot + 1) >= 0)
        {
            throw new Commands.UsageException($"{what} '{job}' is not a job id (BENCH.STAMP, as rig submit prints it)");
        }

        Token(what, job[(dot + 1)..]);
        return Token(what, job[..dot]);
    }

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
