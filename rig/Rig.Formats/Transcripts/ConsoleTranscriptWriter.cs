using System.Globalization;
using System.Text;

namespace Rig.Formats.Transcripts;

/// <summary>Writes a transcript, one step per line, in the form <see cref="ConsoleTranscriptReader"/> reads.</summary>
/// <remarks>
/// Output is split after each line feed into lines of the same time, so a boot log becomes one
/// transcript line per console line and a diff shows what changed. Text that is not UTF-8 goes to
/// rx_b64. Bounded: a write that would take the file past <see cref="ConsoleTranscript.MaxFileBytes"/>
/// throws, since the reader would refuse the file.
/// </remarks>
public sealed class ConsoleTranscriptWriter : IDisposable
{
    private readonly Stream _out;
    private readonly bool _leaveOpen;
    private readonly StringBuilder _line = new();
    private double _lastTime;

    public ConsoleTranscriptWriter(Stream output, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(output);
        _out = output;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Bytes written so far.</summary>
    public long BytesWritten { get; private set; }

    /// <summary>Writes a whole transcript to <paramref name="path"/> (temporary file, then renamed: readers never see half a file).</summary>
    public static void WriteFile(string path, ConsoleTranscript transcript)
    {
        ArgumentNullException.ThrowIfNull(transcript);
        string full = Path.GetFullPath(path);
        string tmp = Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{Environment.ProcessId}.tmp");
        try
        {
            using (var file = new FileStream(tmp, FileMode.Create, FileAccess.Write))
            using (var writer = new ConsoleTranscriptWriter(file))
            {
                foreach (TranscriptStep step in transcript.Steps)
                {
                    writer.Write(step);
                }
            }

            File.Move(tmp, full, overwrite: true);
        }
        finally
        {
            File.Delete(tmp);
        }
    }

    public void Write(TranscriptStep step)
    {
        switch (step)
        {
            case DeviceOutputStep o:
                Output(o.Time, o.Data);
                break;
            case RigInputStep { Text: { } text }:
                Input(text);
                break;
            case RigInputStep i:
                InputMatching(i.Pattern!);
                break;
            case NoteStep n:
                Note(n.Text);
                break;
            default:
                throw new ArgumentException($"unknown step {step.GetType().Name}", nameof(step));
        }
    }

    /// <summary><c>{"note":...}</c>: a comment for the reader; say what the transcript is and where it came from.</summary>
    public void Note(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        Begin().Append("{\"note\":");
        TranscriptText.AppendQuoted(_line, text);
        End();
    }

    /// <summary>The device prints <paramref name="data"/> at <paramref name="time"/> seconds (after power-on or the latest input).</summary>
    /// <exception cref="ArgumentOutOfRangeException">A time that is negative, not finite, too large, or earlier than the previous output's.</exception>
    public void Output(double time, ReadOnlySpan<byte> data)
    {
        if (!double.IsFinite(time) || time < _lastTime || time > ConsoleTranscript.MaxTime)
        {
            throw new ArgumentOutOfRangeException(nameof(time), time, $"output times run from {_lastTime} to {ConsoleTranscript.MaxTime} s and never go back");
        }

        _lastTime = time;
        do
        {
            int nl = data.IndexOf((byte)'\n');
            ReadOnlySpan<byte> piece = nl < 0 ? data : data[..(nl + 1)];
            data = data[piece.Length..];
            Begin().Append("{\"t\":").Append(time.ToString("0.######", CultureInfo.InvariantCulture));
            if (TranscriptText.TryDecode(piece) is { } text)
            {
                _line.Append(",\"rx\":");
                TranscriptText.AppendQuoted(_line, text);
            }
            else
            {
                _line.Append(",\"rx_b64\":\"").Append(Convert.ToBase64String(piece)).Append('"');
            }

            End();
        }
        while (!data.IsEmpty);
    }

    /// <summary><c>{"tx":...}</c>: the replay waits for exactly these bytes from the rig; later times count from their arrival.</summary>
    public void Input(ReadOnlySpan<byte> text)
    {
        RigInputStep.Exactly(text); // same checks as the reader
        string? s = TranscriptText.TryDecode(text)
            ?? throw new ArgumentException("tx must be UTF-8 text (the rig types text)", nameof(text));
        Begin().Append("{\"tx\":");
        TranscriptText.AppendQuoted(_line, s);
        End();
        _lastTime = 0;
    }

    /// <summary><c>{"tx_match":...}</c>: the replay waits for input matching <paramref name="pattern"/>.</summary>
    public void InputMatching(string pattern)
    {
        RigInputStep.Matching(pattern); // same checks as the reader
        Begin().Append("{\"tx_match\":");
        TranscriptText.AppendQuoted(_line, pattern);
        End();
        _lastTime = 0;
    }

    public void Dispose()
    {
        _out.Flush();
        if (!_leaveOpen)
        {
            _out.Dispose();
        }
    }

    private StringBuilder Begin() => _line.Clear();

    private void End()
    {
        byte[] bytes = Encoding.UTF8.GetBytes(_line.Append("}\n").ToString());
        if (BytesWritten + bytes.Length > ConsoleTranscript.MaxFileBytes)
        {
            throw new InvalidDataException($"the transcript would be larger than {ConsoleTranscript.MaxFileBytes / (1024 * 1024)} MiB, which no reader accepts");
        }

        _out.Write(bytes);
        BytesWritten += bytes.Length;
    }
}
