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

    /// <summary>Loads <paramref name="page"/>; the screenshot goes to <paramref name="scratch"/>/screenshot.png.</summary>
    public static Result Load(string page, string scratch)
    {
        string exe = Executable ?? throw new AssertionException("chromium is not installed: run scripts/install-test-deps.sh");
        string profile = Path.Combine(scratch, "profile");
        Directory.CreateDirectory(profile);
        string screenshot = Path.Combine(scratch, "screenshot.png");
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
            "--dump-dom", "--screenshot=" + screenshot, new Uri(page).AbsoluteUri,
        })
        {
            info.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(info)!;
        Task<string> dom = process.StandardOutput.ReadToEndAsync();
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        bool exited = process.WaitForExit(Limit);
        if (!exited)
        {
            process.Kill(entireProcessTree: true);
        }

        process.WaitForExit();
        Assert.That(exited, Is.True, $"chromium did not finish in {Limit.TotalSeconds} s");
        return new Result(process.ExitCode, dom.Result, stderr.Result, screenshot);
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

    private async Task AcceptAsync()
    {
        try
        {
            while (true)
            {
                using TcpClient client = await _listener.AcceptTcpClientAsync().ConfigureAwait(false);
                NetworkStream stream = client.GetStream();
                var buffer = new byte[4096];
                int n = await stream.ReadAsync(buffer).ConfigureAwait(false);
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
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or IOException)
        {
            // stopped
        }
    }

    public void Dispose()
    {
        _listener.Stop();
        _loop.Wait(TimeSpan.FromSeconds(5));
    }
}
