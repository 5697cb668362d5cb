using System.CommandLine;
using Rig.Cli.Terminal;
using Rig.Reports.Certificates;
using Rig.Reports.Registry;

namespace Rig.Cli.Commands;

/// <summary>
/// <c>rig registry build SRC... --out SITE --key PUB [--base-url URL] [--now DATE]</c>: a static
/// site without script from certificate folders, each verified with the lab's public key first
/// (see <see cref="RegistrySite"/>). A SRC is a certificate's results folder or a folder of them.
/// </summary>
internal static class RegistryCommand
{
    public static Command Create()
    {
        var registry = new Command("registry", "The lab's public registry of certificates.");
        var build = new Command("build", "Build a static, script-free site from certificate folders (each verified first).");
        var sources = new Argument<string[]>("source") { Description = "Certificate results folders, or folders holding them", Arity = ArgumentArity.OneOrMore };
        var output = new Option<string>("--out") { Description = "The site folder to write (new, empty, or a site built before)", Required = true };
        var key = new Option<string>("--key") { Description = "The lab's public key (PEM): every folder must verify with it", Required = true };
        var baseUrl = new Option<string?>("--base-url") { Description = "Where the site will be published: warns about labels whose QR code points elsewhere" };
        var now = new Option<string?>("--now") { Description = "The day the statuses are shown for, YYYY-MM-DD (default: today, UTC)" };
        build.Arguments.Add(sources);
        build.Options.Add(output);
        build.Options.Add(key);
        build.Options.Add(baseUrl);
        build.Options.Add(now);
        build.SetAction(parsed =>
        {
            DateOnly day = Day.Parse("--now", parsed.GetValue(now));
            string pub = parsed.GetValue(key)!;
            if (parsed.GetValue(baseUrl) is { } url && !(Uri.TryCreate(url, UriKind.Absolute, out Uri? uri) && uri.Scheme is "https" or "http" && uri.Query.Length == 0 && uri.Fragment.Length == 0))
            {
                throw new UsageException($"--base-url: \"{url}\" is not an http(s) address without query or fragment");
            }

            var entries = Folders(parsed.GetValue(sources)!).Select(f => RegistryEntry.Read(f, pub, day)).ToList();
            string site = parsed.GetValue(output)!;
            foreach (string warning in RegistrySite.Build(entries, site, pub, parsed.GetValue(baseUrl), day))
            {
                Console.Error.WriteLine(Inert.Line("rig: warning: " + warning));
            }

            Console.WriteLine($"registry of {entries.Count} certificate(s) written to {Path.Combine(site, "index.html")}");
            return ExitCodes.Ok;
        });
        registry.Subcommands.Add(build);
        return registry;
    }

    // A certificate's folder, or the certificate folders directly inside a folder.
    private static IEnumerable<string> Folders(string[] sources)
    {
        foreach (string source in sources)
        {
            if (File.Exists(Path.Combine(source, CertificateJson.FileName)))
            {
                yield return source;
                continue;
            }

            if (!Directory.Exists(source))
            {
                throw new UsageException($"{source}: no such folder");
            }

            string[] inside = [.. Directory.GetDirectories(source).Where(d => File.Exists(Path.Combine(d, CertificateJson.FileName))).Order(StringComparer.Ordinal)];
            if (inside.Length == 0)
            {
                throw new UsageException($"{source}: holds no certificate (no {CertificateJson.FileName} in it or in a folder inside it)");
            }

            foreach (string d in inside)
            {
                yield return d;
            }
        }
    }
}
