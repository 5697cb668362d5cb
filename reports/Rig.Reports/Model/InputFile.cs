namespace Rig.Reports.Model;

/// <summary>A file a plan read, identified by its lowercase hex SHA-256.</summary>
public sealed record InputFile(string Name, string Sha256);
