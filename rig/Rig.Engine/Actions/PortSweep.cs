using System.Net;
using Rig.Protocols.Net;

namespace Rig.Engine.Actions;

/// <summary>
/// One session of a credential sweep on a telnet port: keeps a connection open across attempts
/// the way the device allows (busybox closes after three failures) and reconnects when it closes.
/// </summary>
/// <param name="connected">Told of every connection attempt: the endpoint and why it failed (null when it worked).</param>
internal sealed class PortSweep(IPEndPoint endpoint, TelnetLoginOptions options, Action<IPEndPoint, string?> connected) : IAsyncDisposable
{
    private TelnetClient? _client;

    /// <summary>False when nothing listens (refused or no answer): the port is closed, not an error.</summary>
    public async Task<bool> ConnectAsync(CancellationToken ct)
    {
        try
        {
            _client = await TelnetClient.ConnectAsync(endpoint, options.ConnectTimeout, ct).ConfigureAwait(false);
            connected(endpoint, null);
            return true;
        }
        catch (TelnetConnectException e)
        {
            connected(endpoint, e.Message);
            return false;
        }
    }

    /// <summary>One pair; a session that closed before an answer is retried once on a new connection. Null when reconnecting fails.</summary>
    public async Task<TelnetLoginResult?> TryAsync(string user, string password, CancellationToken ct)
    {
        for (int attempt = 0; attempt < 2; attempt++)
        {
            if ((_client is null || _client.IsClosed) && !await ReconnectAsync(ct).ConfigureAwait(false))
            {
                return null;
            }

            TelnetLoginResult result = await TelnetLogin.TryAsync(_client!, user, password, options, ct).ConfigureAwait(false);
            if (result.Outcome is not (TelnetLoginOutcome.Closed or TelnetLoginOutcome.NoPrompt))
            {
                return result;
            }

            // Closed or silent before the device judged this pair: it counts only once judged.
            await DisposeClientAsync().ConfigureAwait(false);
            if (attempt == 1)
            {
                return result;
            }
        }

        return null;
    }

    private async Task<bool> ReconnectAsync(CancellationToken ct)
    {
        await DisposeClientAsync().ConfigureAwait(false);
        return await ConnectAsync(ct).ConfigureAwait(false);
    }

    private async Task DisposeClientAsync()
    {
        if (_client is not null)
        {
            await _client.DisposeAsync().ConfigureAwait(false);
            _client = null;
        }
    }

    public ValueTask DisposeAsync() => new(DisposeClientAsync());
}
