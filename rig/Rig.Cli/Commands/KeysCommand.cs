using System.CommandLine;
using System.Security.Cryptography;
using Rig.Reports.Signing;

namespace Rig.Cli.Commands;

/// <summary><c>rig keys new|show</c>: the lab's ECDSA P-256 signing key.</summary>
internal static class KeysCommand
{
    public static Command Create()
    {
        var keys = new Command("keys", "Create or inspect the lab's report signing key.");

        var create = new Command("new", "Create a key pair: PRIVATE (mode 0600) and PUBLIC (PEM SubjectPublicKeyInfo).");
        var priv = new Option<string>("--private") { Description = "Private key file to create", DefaultValueFactory = _ => "lab.key.pem" };
        var pub = new Option<string>("--public") { Description = "Public key file to create", DefaultValueFactory = _ => "lab.pub.pem" };
        var passphraseEnv = new Option<string?>("--passphrase-env") { Description = "Encrypt the private key with the passphrase in this environment variable" };
        create.Options.Add(priv);
        create.Options.Add(pub);
        create.Options.Add(passphraseEnv);
        create.SetAction(parsed =>
        {
            string? passphrase = Passphrase(parsed.GetValue(passphraseEnv));
            using LabKey key = LabKeys.New(parsed.GetValue(priv)!, parsed.GetValue(pub)!, passphrase);
            Console.WriteLine($"private key: {parsed.GetValue(priv)} (mode 0600{(passphrase is null ? string.Empty : ", encrypted")})");
            Console.WriteLine($"public key:  {parsed.GetValue(pub)}");
            Console.WriteLine($"fingerprint: sha256:{key.Fingerprint}");
            return ExitCodes.Ok;
        });

        var show = new Command("show", "Print a key's fingerprint: SHA-256 of its SubjectPublicKeyInfo DER.");
        var file = new Argument<string>("key") { Description = "A public key PEM (or a private key file)" };
        var showPassphrase = new Option<string?>("--passphrase-env") { Description = "Environment variable with the private key's passphrase" };
        show.Arguments.Add(file);
        show.Options.Add(showPassphrase);
        show.SetAction(parsed =>
        {
            string path = parsed.GetValue(file)!;
            string fingerprint;
            if (File.ReadAllText(path).Contains("PRIVATE KEY", StringComparison.Ordinal))
            {
                using LabKey key = LoadPrivate(path, parsed.GetValue(showPassphrase));
                fingerprint = key.Fingerprint;
            }
            else
            {
                using ECDsa key = LabKeys.LoadPublic(path);
                fingerprint = LabKeys.Fingerprint(key);
            }

            Console.WriteLine($"sha256:{fingerprint}  {path}");
            return ExitCodes.Ok;
        });

        keys.Subcommands.Add(create);
        keys.Subcommands.Add(show);
        return keys;
    }

    /// <summary>Loads the signing key; refuses one readable by others (in LabKeys).</summary>
    public static LabKey LoadPrivate(string path, string? passphraseEnv) => LabKeys.LoadPrivate(path, Passphrase(passphraseEnv));

    private static string? Passphrase(string? variable)
    {
        if (variable is null)
        {
            return null;
        }

        string? value = Environment.GetEnvironmentVariable(variable);
        return string.IsNullOrEmpty(value)
            ? throw new UsageException($"--passphrase-env {variable}: the environment variable is not set")
            : value;
    }
}
