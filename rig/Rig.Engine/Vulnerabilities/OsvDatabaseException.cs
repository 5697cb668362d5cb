namespace Rig.Engine.Vulnerabilities;

/// <summary>An unreadable or malformed vulnerability database; the message is one line naming the file (and zip entry).</summary>
public sealed class OsvDatabaseException(string message, Exception? inner = null) : Exception(message, inner);
