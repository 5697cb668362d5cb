using System.CommandLine;
using Rig.Cli.Commands;

namespace Rig.Cli.Lab;

/// <summary><c>rig lab nats-users</c>: the lab server's users and their permissions, to include in its nats-server config.</summary>
internal static class LabCommand
{
    public static Command Create()
    {
        var command = new Command("lab", "Set up a lab's NATS server.");
        var users = new Command("nats-users", "Print the nats-server authorization block: lab users (any job, any result) and one user per bench's agent (its own bench only).");
        var user = new Option<string[]>("--user") { Description = "A lab user (submits, watches, fetches any job); repeatable", AllowMultipleArgumentsPerToken = true };
        var bench = new Option<string[]>("--agent") { Description = "A bench whose agent connects as the user named like the bench; repeatable", AllowMultipleArgumentsPerToken = true };
        users.Options.Add(user);
        users.Options.Add(bench);
        users.SetAction(parsed =>
        {
            string[] people = [.. (parsed.GetValue(user) ?? []).Select(u => LabNames.Token("--user", u))];
            string[] benches = [.. (parsed.GetValue(bench) ?? []).Select(b => LabNames.Token("--agent", b))];
            if (people.Concat(benches).GroupBy(n => n, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1) is { } twice)
            {
                throw new UsageException($"--user/--agent {twice.Key}: named twice");
            }

            if (people.Length + benches.Length == 0)
            {
                throw new UsageException("--user or --agent: name at least one");
            }

            Console.Write(LabPermissions.AuthorizationBlock(people, benches));
            return ExitCodes.Ok;
        });
        command.Subcommands.Add(users);
        return command;
    }
}
