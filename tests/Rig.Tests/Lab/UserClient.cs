using NATS.Client.Core;
using NATS.Net;

namespace Rig.Tests.LabOnNats;

/// <summary>
/// A NATS client of the test's own holding one lab user's credentials (and its inbox prefix, as
/// rig agent uses it for a bench's user): to look at the lab without starting a rig, and to try
/// what the server must refuse; each attempt is made for real, and the server's "Permissions
/// Violation" for it is what the test reads.
/// </summary>
internal sealed class UserClient : IAsyncDisposable
{
    private readonly List<string> _refusals = [];

    private UserClient(NatsClient client)
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

    public static async Task<UserClient> ConnectAsync(NatsServer nats, string user)
    {
        var client = new NatsClient(NatsOpts.Default with
        {
            Url = nats.Url,
            TlsOpts = new NatsTlsOpts { CaFile = nats.CaFile, Mode = TlsMode.Require },
            AuthOpts = NatsAuthOpts.Default with { Username = user, Password = nats.Password(user) },
            InboxPrefix = $"_INBOX.{user}",
            RequestTimeout = TimeSpan.FromSeconds(5),
        });
        await client.ConnectAsync();
        return new UserClient(client);
    }

    /// <summary>A job's state as its record in the lab says it, read at once.</summary>
    public async Task<string> JobStateAsync(string id)
    {
        var store = await Client.CreateKeyValueStoreContext(new NATS.Client.KeyValueStore.NatsKVOpts { UseDirectGetApiWithKeysInSubject = true }).GetStoreAsync("rig-jobs");
        var entry = await store.GetEntryAsync<byte[]>(id);
        return System.Text.Json.JsonDocument.Parse(entry.Value!).RootElement.GetProperty("state").GetString()!;
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
