using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rig.Reports.Attestation;
using Rig.Reports.Certificates;
using Rig.Reports.Signing;
using Rig.Reports.Text;

namespace Rig.Reports.Registry;

/// <summary>
/// <c>rig registry build</c>: a static site any web server can publish, with no script. Layout:
/// index.html (every certificate in a table sorted by manufacturer, model, firmware),
/// ids.html (sorted by certificate id), m/NAME.html (one manufacturer's), and
/// certificates/ID/index.html (one certificate: its label with today's light, its status and
/// every signed file beside it), which is where a label's QR code points
/// (BASE/certificates/ID/). lab.pub.pem is a copy of the lab's public key.
/// </summary>
public static class RegistrySite
{
    /// <summary>The file that marks a folder as a registry site this command may rebuild.</summary>
    public const string Marker = ".rig-registry";

    private const int MaxField = 200;

    /// <returns>Warnings: certificates whose label points elsewhere than this site would place them under <paramref name="baseUrl"/>.</returns>
    /// <exception cref="ReportException">Two certificates with one id, a site folder that is not empty and not a registry, or a file that cannot be copied or written.</exception>
    public static IReadOnlyList<string> Build(IReadOnlyList<RegistryEntry> entries, string site, string publicKey, string? baseUrl, DateOnly on)
    {
        ArgumentNullException.ThrowIfNull(entries);
        if (entries.GroupBy(e => e.Slug, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1) is { } twice)
        {
            throw new ReportException($"certificate {twice.Key} is listed twice: {string.Join(" and ", twice.Select(e => e.Source))}");
        }

        Prepare(site);
        string day = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string fingerprint;
        using (ECDsa key = LabKeys.LoadPublic(publicKey))
        {
            fingerprint = LabKeys.Fingerprint(key);
        }

        Copy(publicKey, Path.Combine(site, "lab.pub.pem"));
        var warnings = new List<string>();
        var sorted = entries.OrderBy(e => e.Certificate.Manufacturer, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.Certificate.Model, StringComparer.OrdinalIgnoreCase)
            .ThenBy(e => e.Certificate.FirmwareVersion, StringComparer.OrdinalIgnoreCase).ThenBy(e => e.Slug, StringComparer.Ordinal).ToList();
        foreach (RegistryEntry e in sorted)
        {
            string dir = Path.Combine(site, "certificates", e.Slug);
            foreach (string file in e.Files)
            {
                Copy(Path.Combine(e.Source, file), Path.Combine(dir, file));
            }

            Write(Path.Combine(dir, "index.html"), RegistryPages.Render(Entry(e, day, fingerprint)));
            string expected = (baseUrl ?? "").TrimEnd('/') + "/certificates/" + e.Slug + "/";
            if (baseUrl is not null && e.Certificate.RegistryUrl != expected && e.Certificate.RegistryUrl != expected.TrimEnd('/'))
            {
                warnings.Add($"certificate {e.Slug}: its label's QR code points to {Show(e.Certificate.RegistryUrl)}, this site puts it at {expected}");
            }
        }

        var manufacturers = sorted.GroupBy(e => e.Certificate.Manufacturer, StringComparer.Ordinal).ToList();
        List<LinkView> Links(string root) => [.. manufacturers.Select(g => new LinkView(Show(g.Key), root + "m/" + ManufacturerPage(g.Key), g.Count()))];
        Write(Path.Combine(site, "index.html"), RegistryPages.Render(new IndexView("Certificate registry", "Certificate registry", "", day, sorted.Count, Links(""), Rows(sorted, ""), fingerprint)));
        var byId = sorted.OrderBy(e => e.Slug, StringComparer.Ordinal).ToList();
        Write(Path.Combine(site, "ids.html"), RegistryPages.Render(new IndexView("Certificates by id", "Certificates by id", "", day, byId.Count, Links(""), Rows(byId, ""), fingerprint)));
        foreach (var g in manufacturers)
        {
            string heading = "Certificates of " + Show(g.Key);
            Write(Path.Combine(site, "m", ManufacturerPage(g.Key)), RegistryPages.Render(new IndexView(heading, heading, "../", day, g.Count(), Links("../"), Rows([.. g], "../"), fingerprint)));
        }

        return warnings;
    }

    /// <summary>A manufacturer's page name: ASCII letters and digits of the name, and a hash so no two names share a page.</summary>
    public static string ManufacturerPage(string manufacturer)
    {
        var s = new StringBuilder();
        foreach (char c in manufacturer.ToLowerInvariant())
        {
            s.Append(char.IsAsciiLetterOrDigit(c) ? c : '-');
        }

        string name = string.Join('-', s.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries));
        name = name.Length > 40 ? name[..40] : name;
        return (name.Length == 0 ? "" : name + "-") + FileDigest.Sha256(Encoding.UTF8.GetBytes(manufacturer))[..8] + ".html";
    }

    private static List<RowView> Rows(IEnumerable<RegistryEntry> entries, string root) =>
    [
        .. entries.Select(e => new RowView(
            Show(e.Certificate.Manufacturer), Show(e.Certificate.Model), Show(e.Certificate.FirmwareVersion ?? "not declared"), Show(e.Certificate.Level.Id),
            Show(e.Certificate.ValidUntil), CertificateRenderer.Light(e.Status).Text, e.Status.State, $"{root}certificates/{e.Slug}/index.html", e.Slug)),
    ];

    private static EntryView Entry(RegistryEntry e, string day, string fingerprint)
    {
        CertificateModel c = e.Certificate;
        return new EntryView(e.Slug, "../../", day, CertificateRenderer.Light(e.Status), e.Rechecked is null ? null : Show(e.Rechecked),
            Show(c.Manufacturer), "../../m/" + ManufacturerPage(c.Manufacturer), Show(c.Model), Show(c.FirmwareVersion ?? "not declared"),
            Show(c.Level.Id), Show(c.Level.Title), Show(c.Level.Standard), Show(c.Issued), Show(c.ValidUntil), Show(c.ReportId), Show(c.Lab.Name),
            Show(c.RegistryUrl), fingerprint, [.. e.Files.Select(f => new FileView(f, string.Join('/', f.Split('/').Select(Uri.EscapeDataString))))])
        {
            LabelMarkup = LabelSvg.RenderText(c with { Status = e.Status }),
        };
    }

    // A folder that is empty, new, or a registry this command built (then its pages and copies are replaced).
    private static void Prepare(string site)
    {
        try
        {
            if (Directory.Exists(site) && Directory.EnumerateFileSystemEntries(site).Any())
            {
                if (!File.Exists(Path.Combine(site, Marker)))
                {
                    throw new ReportException($"{site}: not empty and not a registry site (no {Marker}): refusing to write into it");
                }

                foreach (string sub in new[] { "certificates", "m" }.Select(s => Path.Combine(site, s)).Where(Directory.Exists))
                {
                    Directory.Delete(sub, recursive: true);
                }
            }

            Directory.CreateDirectory(site);
            File.WriteAllText(Path.Combine(site, Marker), "built by rig registry build; rebuilt in place\n");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportException($"{site}: cannot prepare the site folder ({FileDigest.Reason(e)})", e);
        }
    }

    private static void Copy(string from, string to)
    {
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(from, to, overwrite: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new ReportException($"{from}: cannot copy into the site ({FileDigest.Reason(e)})", e);
        }
    }

    private static void Write(string path, byte[] bytes)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        AttestedReport.Write(path, bytes);
    }

    private static string Show(string? text) => DeviceText.Show(text, MaxField) ?? "";
}
