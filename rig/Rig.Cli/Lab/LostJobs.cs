using System.Text;

namespace Rig.Cli.Lab;

/// <summary>
/// A running job whose agent is gone: it ends as an error with where it was, never run again by
/// itself since the device may have been mid-update; queued once more only if its submitter asked
/// (<c>rig submit --retry</c>).
/// </summary>
internal static class LostJobs
{
    public static string Reason(JobRecord j) => $"agent lost at plan {j.Plan ?? "-"}, state {j.PlanState ?? "-"}";

    public static async Task<JobRecord?> EndAsync(LabConnection lab, string id, CancellationToken ct)
    {
        bool requeued = false;
        JobRecord? after = await lab.UpdateJobAsync(id, j =>
        {
            requeued = j.State == JobStates.Running && j.Retry && j.Retried == 0;
            return j.State != JobStates.Running ? null
                : requeued ? j with { State = JobStates.Queued, Retried = 1, Agent = null, Started = null, Plan = null, PlanState = null, Reason = $"queued again once (asked by its submitter): {Reason(j)}" }
                : j with { State = JobStates.Error, Ended = DateTimeOffset.UtcNow, Reason = Reason(j) };
        }, ct).ConfigureAwait(false);
        if (requeued && after is not null)
        {
            await lab.PublishOnceAsync(LabNames.JobSubject(after.Bench, after.Slot), Encoding.UTF8.GetBytes(id), $"{id}-retry", ct).ConfigureAwait(false);
        }

        return after;
    }
}
