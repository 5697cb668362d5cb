namespace Rig.Formats.Transcripts;

/// <summary>
/// What a device printed on its console from power-on, and what the rig typed in between: a
/// recording that the virtual device can replay through a real pseudo-terminal.
/// </summary>
/// <remarks>
/// <para>The file is JSON lines, one step per line, so it reads and diffs like a boot log:</para>
/// <code>
/// {"note":"vcam boot, recorded by rig transcript export"}
/// {"t":0.512,"rx":"U-Boot 2016.01\r\n"}
/// {"tx":"id\r"}
/// {"t":0.01,"rx":"uid=0(root) gid=0(root)\r\n# "}
/// </code>
/// <para><c>rx</c> is text (UTF-8, JSON escapes), <c>rx_b64</c> the same for bytes that are not
/// UTF-8; <c>t</c> is seconds after power-on, or after the input that released the latest
/// <c>tx</c> / <c>tx_match</c> step, and never decreases between two such steps. Without a
/// <c>t</c>, output follows the previous step at once. Blank lines are ignored.</para>
/// </remarks>
public sealed class ConsoleTranscript
{
    /// <summary>Larger files are refused: a transcript is a console log, not a disk image.</summary>
    public const long MaxFileBytes = 64L * 1024 * 1024;

    /// <summary>Most steps in one transcript (bounds memory whatever the file holds).</summary>
    public const int MaxSteps = 1_000_000;

    /// <summary>Longest <c>tx</c> text.</summary>
    public const int MaxInputBytes = 4096;

    /// <summary>Largest <c>t</c>: about 11 days, far beyond any boot.</summary>
    public const double MaxTime = 1_000_000;

    public ConsoleTranscript(IReadOnlyList<TranscriptStep> steps, string? file = null)
    {
        ArgumentNullException.ThrowIfNull(steps);
        Steps = steps;
        File = file;
    }

    /// <summary>The file it was read from (as named to the reader), or null when made in memory.</summary>
    public string? File { get; }

    public IReadOnlyList<TranscriptStep> Steps { get; }

    /// <summary>Reads and checks a transcript file.</summary>
    /// <exception cref="TranscriptFormatException">A bad line (file:line:col) or a file that is too large.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    public static ConsoleTranscript Load(string path) => ConsoleTranscriptReader.Read(path);

    /// <summary>Every byte the device prints over the whole transcript, in order: what a full replay puts on the console.</summary>
    public byte[] DeviceOutput()
    {
        using var all = new MemoryStream();
        foreach (DeviceOutputStep o in Steps.OfType<DeviceOutputStep>())
        {
            all.Write(o.Data);
        }

        return all.ToArray();
    }
}
