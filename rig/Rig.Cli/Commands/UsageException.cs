namespace Rig.Cli.Commands;

/// <summary>A mistake in how rig was called: a missing option, a slot that does not exist.</summary>
public sealed class UsageException(string message) : Exception(message);
