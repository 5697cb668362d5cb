namespace Rig.Formats.Transcripts;

/// <summary>One line of a console transcript: device output, expected rig input, or a note.</summary>
/// <param name="Line">Its line in the transcript file (1-based); 0 for a step made in memory.</param>
public abstract record TranscriptStep(int Line);

/// <summary>
/// <c>rx</c> / <c>rx_b64</c>: the device prints <paramref name="Data"/> at <paramref name="Time"/>
/// seconds after power-on, or after the input of the latest tx step.
/// </summary>
public sealed record DeviceOutputStep(double Time, byte[] Data, int Line = 0) : TranscriptStep(Line);

/// <summary><c>note</c>: a comment for the reader of the file; a replay ignores it.</summary>
public sealed record NoteStep(string Text, int Line = 0) : TranscriptStep(Line);
