using System.Globalization;
using System.IO.Ports;
using System.Text;
using System.Text.RegularExpressions;

namespace Rig.Benchmarks.Subjects;

/// <summary>
/// System.IO.Ports as a benchmark subject: one <see cref="SerialPort"/> per tty with its default
/// settings at 115200 baud, a blocking Read loop on a thread per port (as a lab's C# script would
/// run it), each chunk logged, the prompt answered and the end marker searched by regex over the
/// text not yet matched. One process for all ttys. Speaks the subjects' protocol on stdout.
/// </summary>
public static class SerialPortSubject
{
    /// <summary>Patterns are short: what is kept of unmatched text between reads.</summary>
    private const int Keep = 256;

    public static int Run(string end, string logDir, string? prompt, string? reply, IReadOnlyList<string> ttys, TextWriter stdout)
    {
        var ports = ttys.Select(tty => new SerialPort(tty, 115200) { ReadTimeout = SerialPort.InfiniteTimeout }).ToList();
        try
        {
            foreach (SerialPort port in ports)
            {
                port.Open();
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"ready cpu_us={ProcessUsage.CpuMicroseconds()}"));
            stdout.Flush();
            var endRegex = new Regex(end, RegexOptions.CultureInvariant);
            Regex? promptRegex = prompt is null ? null : new Regex(Regex.Escape(prompt), RegexOptions.CultureInvariant);
            Thread[] readers = ports.Select((port, i) => new Thread(() => Watch(port, Path.Combine(logDir, $"serialport-{i}.log"), endRegex, promptRegex, reply))).ToArray();
            foreach (Thread t in readers)
            {
                t.Start();
            }

            foreach (Thread t in readers)
            {
                t.Join();
            }

            stdout.WriteLine(string.Create(CultureInfo.InvariantCulture, $"done cpu_us={ProcessUsage.CpuMicroseconds()} hwm_kb={ProcessUsage.PeakResidentKiB()}"));
            stdout.Flush();
            return 0;
        }
        finally
        {
            foreach (SerialPort port in ports)
            {
                port.Dispose();
            }
        }
    }

    private static void Watch(SerialPort port, string logPath, Regex end, Regex? prompt, string? reply)
    {
        using var log = new FileStream(logPath, FileMode.Create, FileAccess.Write, FileShare.Read, 1 << 16);
        byte[] buffer = new byte[4096];
        byte[]? answer = reply is null ? null : Encoding.ASCII.GetBytes(reply);
        string pending = string.Empty;
        while (true)
        {
            int n = port.Read(buffer, 0, buffer.Length);
            log.Write(buffer, 0, n);
            pending += Encoding.Latin1.GetString(buffer, 0, n);
            while (prompt?.Match(pending) is { Success: true } m)
            {
                port.Write(answer!, 0, answer!.Length);
                pending = pending[(m.Index + m.Length)..];
            }

            if (end.IsMatch(pending))
            {
                return;
            }

            if (pending.Length > Keep)
            {
                pending = pending[^Keep..];
            }
        }
    }
}
