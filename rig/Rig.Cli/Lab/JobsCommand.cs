using System.CommandLine;
using Rig.Cli.Terminal;

namespace Rig.Cli.Lab;

/// <summary>
/// <c>rig jobs</c>: every job of the lab with what it is doing or how it ended, and the agents
/// alive. A running job whose agent is gone is ended here as an error, with where it was.
/// </summary>
internal static class JobsCommand
{
    public static Command Create()
    {
        var command = new Command("jobs", "List the lab's jobs (queued, running with plan and state, done, error, cancelled) and its live agents.");
        var lab = new LabOptions();
        lab.AddTo(command);
        command.SetAction(async (parsed, ct) =>
        {
            await using LabConnection connection = await lab.ConnectAsync(parsed, "rig jobs", ct).ConfigureAwait(false);
            Dictionary<string, AgentClaim> agents = await connection.AgentsAsync(ct).ConfigureAwait(false);
            foreach (JobRecord job in (await connection.AllJobsAsync(ct).ConfigureAwait(false)).OrderBy(j => j.Submitted))
            {
                JobRecord shown = job;
                if (job.State == JobStates.Running && (!agents.TryGetValue(job.Bench, out AgentClaim? a) || a.Agent != job.Agent))
                {
                    shown = await LostJobs.EndAsync(connection, job.Id, ct).ConfigureAwait(false) ?? job;
                }

                Console.WriteLine(Inert.Line($"{shown.Id}  {shown.Bench}/{shown.Slot}  {shown.State,-9}  {Detail(shown, agents)}"));
            }

            Console.WriteLine(agents.Count == 0 ? "agents: none alive" : "agents: " + string.Join("; ", agents.Values.OrderBy(a => a.Bench).Select(a => $"{a.Bench} ({string.Join(",", a.Slots)}) by {a.Agent}")));
            return ExitCodes.Ok;
        });
        return command;
    }

    private static string Detail(JobRecord j, Dictionary<string, AgentClaim> agents) => j.State switch
    {
        JobStates.Queued when !agents.TryGetValue(j.Bench, out AgentClaim? a) => $"waiting: no agent serves bench {j.Bench}",
        JobStates.Queued when !agents[j.Bench].Slots.Contains(j.Slot) => $"waiting: bench {j.Bench} has no slot {j.Slot}",
        JobStates.Queued => j.Retried > 0 ? $"waiting for the slot; {j.Reason}" : "waiting for the slot",
        JobStates.Running => $"plan {j.Plan ?? "-"}, state {j.PlanState ?? "-"} on {j.Agent}",
        JobStates.Done => $"exit {j.Exit}: {j.Outcome}{(j.Retried > 0 ? $" (run {j.Retried + 1}: {j.Reason})" : "")}",
        _ => j.Reason ?? string.Empty,
    };
}
