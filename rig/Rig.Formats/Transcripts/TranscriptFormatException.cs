namespace Rig.Formats.Transcripts;

/// <summary>A transcript that cannot be read: the message is one line, <c>file:line:col: reason</c>.</summary>
/// <remarks>Line and column are 1-based; both are 0 when the fault is the whole file (e.g. its size). The column counts characters.</remarks>
public sealed class TranscriptFormatException(string file, int line, int column, string reason)
    : Exception(line > 0 ? $"{file}:{line}:{column}: {reason}" : $"{file}: {reason}")
{
    public string File { get; } = file;

    public int Line { get; } = line;

    public int Column { get; } = column;

    /// <summary>The reason without the position.</summary>
    public string Reason { get; } = reason;
}
