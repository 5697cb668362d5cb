using System.CommandLine;
using Rig.Reports.Signing;

namespace Rig.Cli.Commands;

/// <summary>--key and --passphrase-env, shared by the commands that sign reports.</summary>
internal sealed class SigningOptions(bool required)
{
    public Option<string?> Key { get; } = new("--key")
    {
        Description = required ? "The lab's private signing key (PEM, mode 0600)" : "Sign a report with this lab key (PEM, mode 0600)",
        Required = required,
    };

    public Option<string?> PassphraseEnv { get; } = new("--passphrase-env") { Description = "Name of an environment variable holding the key's passphrase" };

    public void AddTo(Command command)
    {
        command.Options.Add(Key);
        command.Options.Add(PassphraseEnv);
    }

    /// <summary>The key, or null when none was given; refuses one readable by others.</summary>
    public LabKey? Load(ParseResult parsed) =>
        parsed.GetValue(Key) is { } path ? KeysCommand.LoadPrivate(path, parsed.GetValue(PassphraseEnv)) : null;
}
