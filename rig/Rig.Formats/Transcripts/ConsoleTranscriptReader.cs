using System.Globalization;
using System.Text;
using System.Text.Json;
using Rig.Formats.Files;

namespace Rig.Formats.Transcripts;

/// <summary>Reads a transcript file and checks every line; the first bad one is reported as file:line:col.</summary>
public static class ConsoleTranscriptReader
{
    private static readonly string[] Kinds = ["rx", "rx_b64", "tx", "tx_match", "note"];

    /// <summary>Reads <paramref name="path"/>; errors name it as <paramref name="displayName"/> (default: the path).</summary>
    /// <exception cref="TranscriptFormatException">A bad line, or the file is larger than <see cref="ConsoleTranscript.MaxFileBytes"/>.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ConsoleTranscript Read(string path, string? displayName = null)
    {
        string name = displayName ?? path;
        return Parse(ReadBounded(path, name), name);
    }

    /// <summary>Parses transcript text (UTF-8).</summary>
    /// <exception cref="TranscriptFormatException">A bad line.</exception>
    public static ConsoleTranscript Parse(ReadOnlySpan<byte> utf8, string displayName)
    {
        if (utf8.Length > ConsoleTranscript.MaxFileBytes)
        {
            throw TooLarge(displayName);
        }

        if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) // a UTF-8 byte order mark, as some editors write
        {
            utf8 = utf8[3..];
        }

        var steps = new List<TranscriptStep>();
        var state = new SegmentState();
        int lineNumber = 0;
        while (!utf8.IsEmpty)
        {
            lineNumber++;
            int nl = utf8.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = nl < 0 ? utf8 : utf8[..nl];
            utf8 = nl < 0 ? [] : utf8[(nl + 1)..];
            if (line.Trim(" \t\r"u8).IsEmpty)
            {
                continue;
            }

            if (steps.Count >= ConsoleTranscript.MaxSteps)
            {
                throw new TranscriptFormatException(displayName, lineNumber, 1, $"more than {ConsoleTranscript.MaxSteps} steps");
            }

            steps.Add(new LineParser(displayName, lineNumber, line).Parse(state));
        }

        return new ConsoleTranscript(steps, displayName);
    }

    /// <summary>Only a regular file, bounded: a FIFO or /dev/zero is refused before a byte is read.</summary>
    private static byte[] ReadBounded(string path, string name)
    {
        try
        {
            return GuardedFile.ReadAll(path, ConsoleTranscript.MaxFileBytes, name);
        }
        catch (RefusedFileException e)
        {
            throw e.TooLarge ? TooLarge(name) : new TranscriptFormatException(name, 0, 0, e.Reason);
        }
    }

    private static TranscriptFormatException TooLarge(string name) =>
        new(name, 0, 0, $"larger than {ConsoleTranscript.MaxFileBytes / (1024 * 1024)} MiB; a transcript is a console log, not a disk image");

    /// <summary>The time of the latest output since power-on or the latest tx: times must not go back within it.</summary>
    private sealed class SegmentState
    {
        public double LastTime;
    }

    /// <summary>One line: a JSON object read token by token, so every complaint points at its key or value.</summary>
    private readonly ref struct LineParser(string file, int number, ReadOnlySpan<byte> line)
    {
        private readonly ReadOnlySpan<byte> _line = line;

        public TranscriptStep Parse(SegmentState state)
        {
            var fields = new Dictionary<string, (long Key, long Value, object Content)>(StringComparer.Ordinal);
            var reader = new Utf8JsonReader(_line, new JsonReaderOptions { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 8 });
            try
            {
                reader.Read();
                if (reader.TokenType != JsonTokenType.StartObject)
                {
                    throw Fail(reader.TokenStartIndex, "expected a JSON object per line, like {\"t\":0.5,\"rx\":\"text\"}");
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
                {
                    long keyAt = reader.TokenStartIndex;
                    string key = reader.GetString()!;
                    if (key != "t" && !Kinds.Contains(key))
                    {
                        throw Fail(keyAt, $"unknown key '{Printable(key)}' (expected t, rx, rx_b64, tx, tx_match or note)");
                    }

                    if (fields.ContainsKey(key))
                    {
                        throw Fail(keyAt, $"'{key}' given twice");
                    }

                    reader.Read();
                    long valueAt = reader.TokenStartIndex;
                    fields[key] = (keyAt, valueAt, ReadValue(ref reader, key, valueAt));
                }

                while (reader.Read())
                {
                    // only to let the reader reject anything after the object
                }
            }
            catch (JsonException e)
            {
                throw Fail(e.BytePositionInLine ?? 0, "not valid JSON: " + CleanJsonMessage(e.Message));
            }

            return Build(fields, state);
        }

        private object ReadValue(ref Utf8JsonReader reader, string key, long at)
        {
            if (key == "t")
            {
                if (reader.TokenType != JsonTokenType.Number || !reader.TryGetDouble(out double t) || !double.IsFinite(t))
                {
                    throw Fail(at, "t: expected a number of seconds, like 0.512");
                }

                return t;
            }

            if (reader.TokenType != JsonTokenType.String)
            {
                throw Fail(at, $"{key}: expected a string");
            }

            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw Fail(at, $"{key}: not valid text (a lone surrogate escape or bad UTF-8); write bytes as rx_b64");
            }
        }

        private TranscriptStep Build(Dictionary<string, (long Key, long Value, object Content)> fields, SegmentState state)
        {
            string[] kinds = [.. fields.Keys.Where(k => k != "t").OrderBy(k => fields[k].Key)];
            if (kinds.Length == 0)
            {
                throw Fail(0, "a step needs one of rx, rx_b64, tx, tx_match or note");
            }

            if (kinds.Length > 1)
            {
                throw Fail(fields[kinds[1]].Key, $"'{kinds[1]}' cannot share a line with '{kinds[0]}'; one step per line");
            }

            string kind = kinds[0];
            (long _, long valueAt, object content) = fields[kind];
            string text = (string)content;
            if (fields.TryGetValue("t", out var time) && kind is not ("rx" or "rx_b64"))
            {
                throw Fail(time.Key, $"t: only output (rx, rx_b64) has a time; a {kind} line has none");
            }

            switch (kind)
            {
                case "rx":
                case "rx_b64":
                    double t = fields.TryGetValue("t", out time) ? (double)time.Content : state.LastTime;
                    if (t < 0 || t > ConsoleTranscript.MaxTime)
                    {
                        throw Fail(time.Value, $"t: {Seconds(t)} is outside 0 to {Seconds(ConsoleTranscript.MaxTime)} seconds");
                    }

                    if (t < state.LastTime)
                    {
                        throw Fail(time.Value, $"t: {Seconds(t)} is before the previous output's {Seconds(state.LastTime)}; times only grow (after a tx they restart at 0)");
                    }

                    state.LastTime = t;
                    return new DeviceOutputStep(t, kind == "rx" ? Utf8(text, valueAt) : Base64(text, valueAt), number);
                case "tx":
                    byte[] typed = Utf8(text, valueAt);
                    if (typed.Length is 0 or > ConsoleTranscript.MaxInputBytes)
                    {
                        throw Fail(valueAt, $"tx: must be 1 to {ConsoleTranscript.MaxInputBytes} bytes, not {typed.Length}");
                    }

                    state.LastTime = 0;
                    return RigInputStep.Exactly(typed, number);
                case "tx_match":
                    try
                    {
                        state.LastTime = 0;
                        return RigInputStep.Matching(text, number);
                    }
                    catch (ArgumentException e)
                    {
                        throw Fail(valueAt, $"tx_match: {CleanRegexMessage(e.Message)}");
                    }

                default:
                    return new NoteStep(text, number);
            }
        }

        private byte[] Utf8(string text, long at)
        {
            try
            {
                return TranscriptText.Utf8.GetBytes(text);
            }
            catch (EncoderFallbackException)
            {
                throw Fail(at, "not valid text (a lone surrogate escape); write bytes as rx_b64");
            }
        }

        private byte[] Base64(string text, long at)
        {
            try
            {
                return Convert.FromBase64String(text);
            }
            catch (FormatException)
            {
                throw Fail(at, "rx_b64: not valid base64");
            }
        }

        private TranscriptFormatException Fail(long byteOffset, string reason) =>
            new(file, number, Column(byteOffset), reason);

        /// <summary>1-based character column of a byte offset: UTF-8 continuation bytes do not count.</summary>
        private int Column(long byteOffset)
        {
            int end = (int)Math.Clamp(byteOffset, 0, _line.Length);
            int column = 1;
            foreach (byte b in _line[..end])
            {
                if ((b & 0xC0) != 0x80)
                {
                    column++;
                }
            }

            return column;
        }
    }

    private static string Seconds(double t) => t.ToString("0.######", CultureInfo.InvariantCulture);

    /// <summary>System.Text.Json appends its own (0-based, whole-payload) position; ours replaces it.</summary>
    private static string CleanJsonMessage(string message)
    {
        int at = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (at >= 0 ? message[..at] : message).Trim();
    }

    private static string CleanRegexMessage(string message)
    {
        // "Invalid pattern 'x' at offset 3. Not enough )'s." and "... (Parameter 'pattern')": one short line
        int at = message.IndexOf(" (Parameter", StringComparison.Ordinal);
        string m = at >= 0 ? message[..at] : message;
        return m.ReplaceLineEndings(" ");
    }

    private static string Printable(string s)
    {
        var sb = new StringBuilder();
        foreach (char c in s.Length > 40 ? s[..40] : s)
        {
            sb.Append(char.IsControl(c) ? $"\\x{(int)c:x2}" : c.ToString());
        }

        return sb.ToString();
    }
}
