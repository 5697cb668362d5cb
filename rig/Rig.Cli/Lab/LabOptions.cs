using System.CommandLine;
using System.Threading.Channels;
using NATS.Client.Core;
using NATS.Net;
using Rig.Cli.Commands;

namespace Rig.Cli.Lab;

/// <summary>
/// How a rig command reaches the lab's NATS server: its URL, the CA that signed its TLS
/// certificate, and a user whose password comes from the environment (never from a flag, which
/// every user of the machine can read in the process list).
/// </summary>
internal sealed class LabOptions(bool required = true)
{
    public Option<string?> Url { get; } = new("--nats") { Description = "The lab's NATS server, e.g. tls://lab.example:4222", Required = required };

    public Option<string?> Ca { get; } = new("--nats-ca") { Description = "CA certificate (PEM) that signed the NATS server's certificate; turns TLS on" };

    public Option<string?> User { get; } = new("--nats-user") { Description = "NATS user name" };

    public Option<string?> PasswordEnv { get; } = new("--nats-password-env") { Description = "Name of an environment variable holding the NATS user's password" };

    public void AddTo(Command command)
    {
        command.Options.Add(Url);
        command.Options.Add(Ca);
        command.Options.Add(User);
        command.Options.Add(PasswordEnv);
    }

    /// <summary>Connects and makes sure the lab's streams and buckets exist; an unreachable server is a clear error after 30 s.</summary>
    public Task<LabConnection> ConnectAsync(ParseResult parsed, string clientName, CancellationToken ct) =>
        ConnectAsync(parsed, clientName, TimeSpan.FromSeconds(30), null, null, ct);

    /// <summary>
    /// An agent's connection: it waits as long as the agent runs, saying so, for the server and for
    /// the lab's buckets; its replies come to inboxes under its bench's name, the only ones the
    /// server lets it read.
    /// </summary>
    public Task<LabConnection> ConnectAgentAsync(ParseResult parsed, string bench, Action<string> say, CancellationToken ct) =>
        ConnectAsync(parsed, $"rig agent {bench}", null, bench, say, ct);

    /// <summary>The inbox prefix of a bench's agent (see the server permissions <see cref="LabPermissions"/> writes).</summary>
    public static string AgentInbox(string bench) => $"_INBOX.{bench}";

    private async Task<LabConnection> ConnectAsync(ParseResult parsed, string clientName, TimeSpan? patience, string? agentBench, Action<string>? waiting, CancellationToken ct)
    {
        string url = parsed.GetValue(Url) ?? throw new UsageException("--nats URL is required");
        // A NatsConnection with the core serialisers (bytes, text, numbers: the lab sends bytes only),
        // not NatsClient, whose fallback serialiser is reflection-based JSON (no Native AOT).
        // Subscribers wait rather than drop when their channel is full, as NatsClient sets it.
        NatsOpts opts = NatsOpts.Default with
        {
            Url = url,
            SubPendingChannelFullMode = BoundedChannelFullMode.Wait,
            Name = clientName,
            ConnectTimeout = TimeSpan.FromSeconds(10),
            RequestTimeout = TimeSpan.FromSeconds(10),
            // A link that goes silent (a cable pulled) is noticed within half a minute, then redialled.
            PingInterval = TimeSpan.FromSeconds(10),
            MaxPingOut = 3,
            InboxPrefix = agentBench is null ? NatsOpts.Default.InboxPrefix : AgentInbox(agentBench),
        };
        if (parsed.GetValue(Ca) is { } ca)
        {
            opts = opts with { TlsOpts = new NatsTlsOpts { CaFile = File.Exists(ca) ? ca : throw new UsageException($"--nats-ca {ca}: no such file"), Mode = TlsMode.Require } };
        }

        if (parsed.GetValue(User) is { } user)
        {
            string? password = parsed.GetValue(PasswordEnv) is { } env
                ? Environment.GetEnvironmentVariable(env) ?? throw new UsageException($"--nats-password-env {env}: the variable is not set")
                : null;
            opts = opts with { AuthOpts = NatsAuthOpts.Default with { Username = user, Password = password } };
        }

        // A server that is restarting, or slow under load, is waited for: a user's command for a
        // while, an agent for as long as it runs (a Pi that boots before the lab's server).
        var clock = System.Diagnostics.Stopwatch.StartNew();
        for (int attempt = 1; ; attempt++)
        {
            var client = new NatsConnection(opts);
            try
            {
                await client.ConnectAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(15), ct).ConfigureAwait(false);
                return await LabConnection.OpenAsync(client, agentBench, waiting, ct).ConfigureAwait(false);
            }
            catch (Exception e) when (e is NatsException or TimeoutException or LabNotReadyException)
            {
                await client.DisposeAsync().ConfigureAwait(false);
                if (patience is { } p && clock.Elapsed >= p)
                {
                    throw new UsageException($"--nats {url}: cannot reach the lab's server: {e.Message}");
                }

                waiting?.Invoke($"waiting for the lab's server at {url} (attempt {attempt}): {e.Message}");
                await Task.Delay(TimeSpan.FromSeconds(Math.Min(attempt, 5)), ct).ConfigureAwait(false);
            }
        }
    }
}
