using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace Rig.Tests.Reports;

/// <summary>
/// Debian's headless Chromium, as a reader's browser: loads a page from a file with a fresh
/// profile and no background traffic, dumps the DOM and takes a screenshot, bounded in time.
/// </summary>
internal static class Chromium
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);

    public sealed record Result(int Exit, string Dom, string Stderr, string Screenshot);

    public static string? Executable =>
        new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists);

    /// <summary>
    /// Loads <paramref name="page"/> and dumps its DOM; with <paramref name="screenshot"/> a second,
    /// separate load takes a screenshot to <paramref name="scratch"/>/screenshot.png. One process
    /// asked for both hangs now and then when the page navigates (Chromium 156, about 1 in 15).
    /// </summary>
    public static Result Load(string page, string scratch, bool screenshot = false)
    {
        (int exit, string dom, string stderr) = Run(page, Path.Combine(scratch, "profile"), "--dump-dom");
        string shot = Path.Combine(scratch, "screenshot.png");
        if (screenshot)
        {
            (int shotExit, _, string shotErr) = Run(page, Path.Combine(scratch, "profile-shot"), "--screenshot=" + shot);
            Assert.That(shotExit, Is.Zero, shotErr);
        }

        return new Result(exit, dom, stderr, shot);
    }

    private static (int Exit, string Stdout, string Stderr) Run(string page, string profile, string output)
    {
        string exe = Executable ?? throw new AssertionException("chromium is not installed: run scripts/install-test-deps.sh");
        Directory.CreateDirectory(profile);
        var info = new ProcessStartInfo(exe)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[]
        {
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
            "--disable-component-update", "--disable-sync", "--user-data-dir=" + profile, "--window-size=1024,768",
            // Lets timers (a refresh after 0 s) fire before the DOM is dumped.
            "--virtual-time-budget=3000",
            output, new Uri(page).AbsoluteUri,
        })
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        Task<string> stdout = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        bool exited = process.WaitForExit(Limit);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        Assert.That(exited, Is.True, $"chromium did not finish in {Limit.TotalSeconds} s");
        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}

/// <summary>A web server on a loopback port that only counts and records the requests it gets.</summary>
internal sealed class Tripwire : IDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly List<string> _requests = [];
    private readonly Task _loop;

    public Tripwire()
    {
        _listener.Start();
        _loop = Task.Run(AcceptAsync);
    }

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}/";

    public IReadOnlyList<string> Requests { get { lock (_requests) { return [.. _requests]; } } }

    // Each connection is served on its own: Chromium opens speculative sockets that never send
    // a request, and a serial loop stuck reading one of them would leave the real request
    // unanswered and the browser waiting until the test's limit.
    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                TcpClient client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                _ = Task.Run(() => ServeAsync(client));
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // stopped
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            try
            {
                NetworkStream stream = client.GetStream();
                var buffer = new byte[4096];
                using var idle = new CancellationTokenSource(TimeSpan.FromSeconds(30));
                int n = await stream.ReadAsync(buffer, idle.Token).ConfigureAwait(false);
                if (n == 0)
                {
                    return;
                }

                string first = Encoding.ASCII.GetString(buffer, 0, n).Split('\n')[0].Trim();
                lock (_requests)
                {
                    _requests.Add(first);
                }

                byte[] body = "<!doctype html><title>NAVIGATED</title><p>left the report</p>"u8.ToArray();
                await stream.WriteAsync(Encoding.ASCII.GetBytes(
                    $"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: {body.Length}\r\nConnection: close\r\n\r\n")).ConfigureAwait(false);
                await stream.WriteAsync(body).ConfigureAwait(false);
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException or OperationCanceledException)
            {
                // the browser went away or never asked
            }
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
