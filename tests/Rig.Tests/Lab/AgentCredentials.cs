using NATS.Client.Core;
using NATS.Net;

namespace Rig.Tests.LabOnNats;

/// <summary>
/// A NATS client of its own holding one bench agent's credentials (and its inbox prefix, as rig
/// agent uses it), to try what the server must refuse: each attempt is made for real, and the
/// server's "Permissions Violation" for it is what the test reads.
/// </summary>
internal sealed class AgentCredentials : IAsyncDisposable
{
    private readonly List<string> _refusals = [];

    private AgentCredentials(NatsClient client)
    {
        Client = client;
        Client.Connection.ServerError += (_, e) =>
        {
            if (e.Kind == NatsServerErrorKind.PermissionsViolation)
            {
                lock (_refusals)
                {
                    _refusals.Add(e.Error);
                }
            }

            return ValueTask.CompletedTask;
        };
    }

    public NatsClient Client { get; }

    public static async Task<AgentCredentials> ConnectAsync(NatsServer nats, string bench)
    {
        var client = new NatsClient(NatsOpts.Default with
        {
            Url = nats.Url,
            TlsOpts = new NatsTlsOpts { CaFile = nats.CaFile, Mode = TlsMode.Require },
            AuthOpts = NatsAuthOpts.Default with { Username = bench, Password = nats.Password(bench) },
            InboxPrefix = $"_INBOX.{bench}",
            RequestTimeout = TimeSpan.FromSeconds(5),
        });
        await client.ConnectAsync();
        return new AgentCredentials(client);
    }

    /// <summary>Makes the attempt; returns the server's refusal that names <paramref name="subject"/>, or null if the attempt succeeded.</summary>
    public async Task<string?> RefusedAsync(string subject, Func<CancellationToken, Task> attempt)
    {
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        Exception? failed = null;
        try
        {
            await attempt(limit.Token);
        }
        catch (Exception e)
        {
            failed = e;
        }

        // the server's -ERR comes on its own, a moment after the request it refuses
        for (int i = 0; i < 50; i++)
        {
            lock (_refusals)
            {
                if (_refusals.FirstOrDefault(r => r.Contains(subject, StringComparison.Ordinal)) is { } refusal)
                {
                    Assert.That(failed, Is.Not.Null, $"the server refused '{refusal}' yet the attempt succeeded");
                    return refusal;
                }
            }

            if (failed is null)
            {
                return null;
            }

            await Task.Delay(100);
        }

        Assert.Fail($"the attempt on {subject} failed without a refusal by the server: {failed}");
        return null;
    }

    public async ValueTask DisposeAsync() => await Client.DisposeAsync();
}
