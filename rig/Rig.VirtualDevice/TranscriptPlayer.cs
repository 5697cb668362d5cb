using System.Diagnostics;
using System.Globalization;
using System.Text;
using Rig.Formats.Transcripts;

namespace Rig.VirtualDevice;

/// <summary>
/// The replay device's firmware: plays a recorded transcript into the console with its timing,
/// waits at each tx step for the rig's input, and stays silent (but powered) at the end.
/// </summary>
/// <remarks>
/// It echoes nothing: a recorded echo is part of the transcript's output. Input is drained the
/// whole time, also while output waits for its time and after the end, so the rig's writes never
/// block on a device that does not read, as on a real UART.
/// </remarks>
internal sealed class TranscriptPlayer(ConsolePort console, ConsoleTranscript transcript, double bootScale, DeviceLog log)
{
    /// <summary>After this long without the awaited input the device logs that it still waits (and keeps waiting).</summary>
    public static readonly TimeSpan InputPatience = TimeSpan.FromSeconds(60);

    /// <summary>Most unconsumed input kept for the next tx step.</summary>
    public const int InputWindow = 64 * 1024;

    private const double MaxWaitMs = 3_600_000;

    private readonly PendingInput _input = new(InputWindow);
    private readonly byte[] _chunk = new byte[4096];

    public void Run()
    {
        long origin = Stopwatch.GetTimestamp();
        foreach (TranscriptStep step in transcript.Steps)
        {
            switch (step)
            {
                case DeviceOutputStep output:
                    WaitUntil(origin, output.Time * bootScale);
                    console.Write(output.Data);
                    break;
                case RigInputStep input:
                    WaitFor(input);
                    origin = Stopwatch.GetTimestamp(); // later times count from the input's arrival
                    break;
            }
        }

        log.Write($"replay: end of {Path.GetFileName(transcript.File)}; the device stays silent until power-off");
        _input.Clear();
        while (true)
        {
            console.TryRead(_chunk, Timeout.InfiniteTimeSpan, out _); // read and dropped, as by a dead kernel's UART
        }
    }

    private void WaitUntil(long origin, double seconds)
    {
        long due = origin + (long)(seconds * Stopwatch.Frequency);
        while (true)
        {
            long left = due - Stopwatch.GetTimestamp();
            if (left <= 0)
            {
                return;
            }

            // Rounded up to whole milliseconds (a sub-millisecond wait would return at once and spin),
            // and at most an hour per wait (a blocking take cannot wait for days in one call).
            Pump(TimeSpan.FromMilliseconds(Math.Min(Math.Ceiling(left * 1000.0 / Stopwatch.Frequency), MaxWaitMs)));
        }
    }

    private void WaitFor(RigInputStep step)
    {
        log.Write($"replay: line {step.Line}: waiting for {step.Describe}");
        long since = Stopwatch.GetTimestamp();
        while (true)
        {
            int end = step.MatchEnd(_input.Bytes);
            if (end >= 0)
            {
                _input.Consume(end);
                log.Write($"replay: line {step.Line}: input arrived");
                return;
            }

            TimeSpan left = InputPatience - Stopwatch.GetElapsedTime(since);
            if (left <= TimeSpan.Zero)
            {
                log.Write($"replay: line {step.Line}: still waiting for {step.Describe} after {InputPatience.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s; "
                    + $"unmatched input: \"{DeviceLog.Safe(Encoding.Latin1.GetString(Tail(_input.Bytes)))}\"");
                since = Stopwatch.GetTimestamp();
                continue;
            }

            Pump(left);
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for input and keeps what came.</summary>
    private void Pump(TimeSpan timeout)
    {
        if (console.TryRead(_chunk, timeout, out int n))
        {
            _input.Append(_chunk.AsSpan(0, n));
        }
    }

    private static ReadOnlySpan<byte> Tail(ReadOnlySpan<byte> input) => input.Length > 64 ? input[^64..] : input;
}
