namespace Rig.Engine.Actions;

/// <summary>A data file a plan uses (a word list, a fragment), named in the report by its hash.</summary>
public sealed record PlanInput(string Name, string Path, string Sha256, string? Source);
