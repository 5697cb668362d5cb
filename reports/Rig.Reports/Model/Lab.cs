namespace Rig.Reports.Model;

/// <summary>The lab that ran the tests and issues the report.</summary>
public sealed record Lab(string Name, string Address, string? AccreditationId = null);
