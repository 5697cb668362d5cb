namespace Rig.Cli.Supervision;

/// <summary>One line from rig to its supervisor: watch, safe or leave a slot.</summary>
/// <param name="Journal">For watch: the run's journal, which gets the supervisor's record.</param>
internal sealed record SupervisorMessage(string Op, string Slot, string? Journal);
