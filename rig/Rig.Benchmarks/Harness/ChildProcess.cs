using System.Diagnostics;
using System.Threading.Channels;

namespace Rig.Benchmarks.Harness;

/// <summary>
/// A process the suite starts (the device side, a subject, a peer tool): its stdout as lines,
/// its stdin to talk to, and a kill of its whole tree on disposal, so no run leaves one behind.
/// </summary>
internal sealed class ChildProcess : IDisposable
{
    private readonly Process _process;
    private readonly Channel<string> _lines = Channel.CreateUnbounded<string>();
    private readonly Task _stderr;
    private readonly System.Text.StringBuilder _errors = new();

    public ChildProcess(string file, IEnumerable<string> args, string? workDir = null)
    {
        var info = new ProcessStartInfo(file)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = workDir ?? Environment.CurrentDirectory,
        };
        foreach (string a in args)
        {
            info.ArgumentList.Add(a);
        }

        Name = Path.GetFileName(file);
        _process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {file}");
        _ = Task.Run(PumpStdoutAsync);
        _stderr = Task.Run(PumpStderrAsync);
    }

    public string Name { get; }

    public int Id => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>What it printed on stderr so far (capped), for an error message.</summary>
    public string Errors
    {
        get
        {
            lock (_errors)
            {
                return _errors.ToString().Trim();
            }
        }
    }

    /// <summary>The next stdout line that starts with <paramref name="prefix"/>; null if it exits or the time runs out first.</summary>
    public async Task<string?> WaitLineAsync(string prefix, TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            while (await _lines.Reader.WaitToReadAsync(limit.Token).ConfigureAwait(false))
            {
                while (_lines.Reader.TryRead(out string? line))
                {
                    if (line.StartsWith(prefix, StringComparison.Ordinal))
                    {
                        return line;
                    }
                }
            }

            return null; // exited
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return null; // timed out
        }
    }

    public async Task SendLineAsync(string line)
    {
        await _process.StandardInput.WriteLineAsync(line).ConfigureAwait(false);
        await _process.StandardInput.FlushAsync().ConfigureAwait(false);
    }

    public void CloseInput() => _process.StandardInput.Close();

    public async Task<int> WaitExitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(ct);
        limit.CancelAfter(timeout);
        try
        {
            await _process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
            await _stderr.ConfigureAwait(false);
            return _process.ExitCode;
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            Kill();
            return -1;
        }
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // already gone
        }
    }

    private async Task PumpStdoutAsync()
    {
        while (await _process.StandardOutput.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            _lines.Writer.TryWrite(line);
        }

        _lines.Writer.TryComplete();
    }

    private async Task PumpStderrAsync()
    {
        while (await _process.StandardError.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            lock (_errors)
            {
                if (_errors.Length < 4096)
                {
                    _errors.AppendLine(line);
                }
            }
        }
    }

    public void Dispose()
    {
        Kill();
        _process.Dispose();
    }
}
