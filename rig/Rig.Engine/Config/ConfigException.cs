namespace Rig.Engine.Config;

/// <summary>Bad input in a bench, profile, plan or lab file: always names file, line and column.</summary>
public sealed class ConfigException : Exception
{
    public ConfigException(string file, int line, int column, string message)
        : base($"{file}:{line}:{column}: {message}")
    {
        File = file;
        Line = line;
        Column = column;
        Reason = message;
    }

    public string File { get; }

    public int Line { get; }

    public int Column { get; }

    /// <summary>The message without its position.</summary>
    public string Reason { get; }
}
