using System.Text;

namespace Rig.Cli.Lab;

/// <summary>
/// The lab's users as a nats-server <c>authorization</c> block. A lab user may do anything; a
/// bench's agent (its NATS user named as the bench) may only take its bench's jobs, write its
/// bench's job records, slot states, claim, progress and results, and read replies on its own
/// inboxes: another bench's jobs, records and result store are refused by the server itself.
/// Passwords are the server's environment variables (RIG_NATS_NAME), never in the file.
/// </summary>
internal static class LabPermissions
{
    public static string AuthorizationBlock(IReadOnlyList<string> users, IReadOnlyList<string> benches)
    {
        var vars = new Dictionary<string, string>(StringComparer.Ordinal);
        var text = new StringBuilder();
        text.AppendLine("# The lab's users, written by rig lab nats-users. Each password is the server's environment");
        text.AppendLine("# variable named beside it: set them in the server's unit (EnvironmentFile=), not here. nats-server");
        text.AppendLine("# reads a variable's value as a config value: make each password letters and digits, a letter first.");
        text.AppendLine("authorization {");
        text.AppendLine("  users: [");
        foreach (string user in users)
        {
            text.AppendLine($"    {{ user: \"{user}\", password: ${PasswordVariable(user, vars)} }}");
        }

        foreach (string bench in benches)
        {
            text.AppendLine($"    {{ user: \"{bench}\", password: ${PasswordVariable(bench, vars)}, permissions: {{");
            text.AppendLine($"        publish: {{ allow: [{Quoted(AgentPublish(bench))}] }}");
            text.AppendLine($"        subscribe: {{ allow: [{Quoted(AgentSubscribe(bench))}] }}");
            text.AppendLine("    } }");
        }

        text.AppendLine("  ]");
        text.AppendLine("}");
        return text.ToString();
    }

    /// <summary>The environment variable holding a user's password: RIG_NATS_ and the name in capitals, '-' as '_'.</summary>
    public static string PasswordVariable(string user) => "RIG_NATS_" + user.ToUpperInvariant().Replace('-', '_');

    /// <summary>What a bench's agent may publish: requests to the JetStream API about its own things, and its own subjects.</summary>
    public static string[] AgentPublish(string bench)
    {
        string jobs = LabNames.JobStream(bench), results = "OBJ_" + LabNames.ResultStore(bench);
        return
        [
            "$JS.API.INFO",
            // its job queue: its consumers, pulling from them, acknowledging what it takes
            $"rig.jobs.{bench}.>", // a lost job queued again, when its submitter asked
            $"$JS.API.STREAM.INFO.{jobs}", $"$JS.API.CONSUMER.CREATE.{jobs}.>", $"$JS.API.CONSUMER.INFO.{jobs}.*", $"$JS.API.CONSUMER.MSG.NEXT.{jobs}.*", $"$JS.ACK.{jobs}.>",
            // its jobs' journals
            $"rig.progress.{bench}.>",
            // its keys in the lab's buckets (job ids begin with the bench), read by key only
            .. Bucket(LabNames.JobBucket, $"{bench}.>"),
            .. Bucket(LabNames.SlotBucket, $"{bench}.>"),
            .. Bucket(LabNames.AgentBucket, LabNames.AgentKey(bench)),
            // its result store, and only its
            $"$JS.API.STREAM.INFO.{results}", $"$JS.API.STREAM.MSG.GET.{results}", $"$JS.API.DIRECT.GET.{results}.>", $"$JS.API.STREAM.PURGE.{results}", $"$O.{LabNames.ResultStore(bench)}.>",
        ];
    }

    public static string[] AgentSubscribe(string bench) => [$"{LabOptions.AgentInbox(bench)}.>", $"rig.cancel.{bench}.>"];

    private static string[] Bucket(string bucket, string keys) =>
        [$"$JS.API.STREAM.INFO.KV_{bucket}", $"$KV.{bucket}.{keys}", $"$JS.API.DIRECT.GET.KV_{bucket}.$KV.{bucket}.{keys}"];

    private static string PasswordVariable(string user, Dictionary<string, string> taken)
    {
        string name = PasswordVariable(user);
        if (taken.TryGetValue(name, out string? other))
        {
            throw new Commands.UsageException($"users '{other}' and '{user}' would share the password variable {name}: rename one");
        }

        taken[name] = user;
        return name;
    }

    private static string Quoted(string[] subjects) => string.Join(", ", subjects.Select(s => $"\"{s}\""));
}
