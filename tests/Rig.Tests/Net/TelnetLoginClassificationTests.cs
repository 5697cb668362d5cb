using System.Net;
using System.Net.Sockets;
using System.Text;
using Rig.Protocols.Net;

namespace Rig.Tests.Net;

/// <summary>How TelnetLogin classifies peers the virtual camera does not play: scripted servers on 127.0.0.1.</summary>
public class TelnetLoginClassificationTests
{
    private static readonly TelnetLoginOptions Quick = new()
    {
        PromptTimeout = TimeSpan.FromSeconds(1),
        ResponseTimeout = TimeSpan.FromSeconds(10),
        ConfirmTimeout = TimeSpan.FromSeconds(1),
    };

    [Test]
    public async Task AShellWithoutLoginIsReportedAsSuch()
    {
        TelnetLoginResult r = await RunAgainst(async (s, lines) =>
        {
            await Say(s, "\r\n# ");
            while (await lines.ReadLineAsync() is { } line)
            {
                // A shell: quote removal joins the nonce.
                string output = line.StartsWith("echo ", StringComparison.Ordinal) ? line[5..].Replace("''", "", StringComparison.Ordinal) + "\r\n" : "";
                await Say(s, line + "\r\n" + output + "# ");
            }
        });

        Assert.That(r.Outcome, Is.EqualTo(TelnetLoginOutcome.AcceptedWithoutLogin), r.Detail);
        Assert.That(r.Proof, Has.Length.EqualTo(16));
    }

    [Test]
    public async Task APromptThatOnlyEchoesIsNotAShell()
    {
        // Takes any password and shows "# ", but runs nothing: what fools prompt-only checkers.
        TelnetLoginResult r = await RunAgainst(async (s, lines) =>
        {
            await Say(s, "login: ");
            await lines.ReadLineAsync();
            await Say(s, "Password: ");
            await lines.ReadLineAsync();
            await Say(s, "\r\n# ");
            while (await lines.ReadLineAsync() is { } line)
            {
                await Say(s, line + "\r\n# ");
            }
        });

        Assert.That(r.Outcome, Is.EqualTo(TelnetLoginOutcome.Unconfirmed), r.Detail);
        Assert.That(r.GotShell, Is.False);
        Assert.That(r.Detail, Does.Contain("did not echo nonce"));
    }

    [Test]
    public async Task SilenceIsNoPrompt()
    {
        TelnetLoginResult r = await RunAgainst(async (s, lines) =>
        {
            await Say(s, "Welcome\r\n");
            await lines.ReadLineAsync();
        });

        Assert.That(r.Outcome, Is.EqualTo(TelnetLoginOutcome.NoPrompt), r.Detail);
    }

    [Test]
    public async Task ADropAfterTheUserNameIsClosed()
    {
        TelnetLoginResult r = await RunAgainst(async (s, lines) =>
        {
            await Say(s, "Username: ");
            await lines.ReadLineAsync();
        });

        Assert.That(r.Outcome, Is.EqualTo(TelnetLoginOutcome.Closed), r.Detail);
        Assert.That(r.Detail, Does.Contain("closed after the user name"));
    }

    private static async Task<TelnetLoginResult> RunAgainst(Func<NetworkStream, StreamReader, Task> peer)
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        Task server = Task.Run(async () =>
        {
            using TcpClient client = await listener.AcceptTcpClientAsync();
            NetworkStream s = client.GetStream();
            using var lines = new StreamReader(s, Encoding.Latin1);
            await peer(s, lines);
        });

        TelnetLoginResult r = await TelnetLogin.TryAsync((IPEndPoint)listener.LocalEndpoint, "root", "secret", Quick, CancellationToken.None);
        await server.WaitAsync(TimeSpan.FromSeconds(30));
        return r;
    }

    private static Task Say(NetworkStream s, string text) => s.WriteAsync(Encoding.Latin1.GetBytes(text)).AsTask();
}
