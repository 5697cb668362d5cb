using System.Text.RegularExpressions;
using Rig.Reports.Certificates;
using Rig.Reports.Signing;
using Rig.Reports.Verification;

namespace Rig.Reports.Registry;

/// <summary>
/// One certificate as the registry lists it: read from its results folder only after every
/// check of <c>rig verify</c> held with the lab's public key (a changed or foreign folder is
/// refused), with its latest signed status if a recheck wrote one, and the signed files a buyer
/// can check with openssl.
/// </summary>
/// <param name="Status">The status on the site's day: the recheck's, or as issued; expired past the last day.</param>
/// <param name="Rechecked">The latest recheck's date and database, or null when none was made.</param>
/// <param name="Files">The verified files to publish, relative to <paramref name="Source"/>.</param>
public sealed partial record RegistryEntry(string Source, CertificateModel Certificate, CertificateStatus Status, string? Rechecked, IReadOnlyList<string> Files)
{
    /// <summary>The certificate's folder name on the site: its id, when the id is a plain file name.</summary>
    public string Slug => Certificate.CertificateId;

    /// <exception cref="ReportException">A folder that does not verify, holds no certificate, or whose id cannot be a folder name.</exception>
    public static RegistryEntry Read(string folder, string publicKey, DateOnly on)
    {
        string certificatePath = Path.Combine(folder, CertificateJson.FileName);
        if (!File.Exists(certificatePath))
        {
            throw new ReportException($"{certificatePath}: no such file: only certificates are listed");
        }

        IReadOnlyList<VerificationCheck> checks = ReportVerifier.Verify(folder, publicKey);
        if (checks.FirstOrDefault(c => !c.Passed) is { } failed)
        {
            throw new ReportException($"{folder}: refusing to list: {failed.Name}: {failed.Detail}");
        }

        CertificateModel certificate = CertificateJsonReader.Read(certificatePath);
        if (!SafeId().IsMatch(certificate.CertificateId))
        {
            throw new ReportException($"{certificatePath}: certificate id \"{DeviceTextLine(certificate.CertificateId)}\" cannot name a registry folder (letters, digits, '.', '_', '-')");
        }

        CertificateStatus status = certificate.Status;
        string? rechecked = null;
        string statusPath = Path.Combine(folder, StatusJson.FileName);
        if (File.Exists(statusPath))
        {
            StatusFile s = StatusFile.Read(statusPath);
            status = s.Status;
            rechecked = $"{s.Checked} against {s.Database}";
        }

        string state = StatusLine.Effective(status, certificate.ValidUntil, on);
        if (state != status.State)
        {
            status = CertificateStatus.Expired($"valid until {certificate.ValidUntil}", status.Ids);
        }

        return new RegistryEntry(Path.GetFullPath(folder), certificate, status, rechecked, Signed(checks));
    }

    // What the checks vouched for: every subject and each signed file's signature and envelope.
    private static List<string> Signed(IReadOnlyList<VerificationCheck> checks)
    {
        var files = new SortedSet<string>(StringComparer.Ordinal) { ReportSigner.ReportFileName, ReportSigner.ReportFileName + ReportSigner.SignatureSuffix, Attestation.AttestedReport.EnvelopeFileName, AttestedCertificate.EnvelopeFileName };
        foreach (VerificationCheck c in checks)
        {
            string name = c.Name;
            foreach (string prefix in new[] { StatusVerifier.Prefix, CertificateVerifier.Prefix })
            {
                name = name.StartsWith(prefix, StringComparison.Ordinal) ? name[prefix.Length..] : name;
            }

            if (name.StartsWith("subject ", StringComparison.Ordinal))
            {
                files.Add(name["subject ".Length..]);
            }
            else if (name.StartsWith("signature ", StringComparison.Ordinal))
            {
                files.Add(name["signature ".Length..] + ReportSigner.SignatureSuffix);
            }
        }

        if (files.Contains(StatusJson.FileName))
        {
            files.Add(AttestedStatus.EnvelopeName(StatusJson.FileName));
        }

        return [.. files];
    }

    private static string DeviceTextLine(string text) => Text.DeviceText.Show(text, 80) ?? "";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$", RegexOptions.CultureInvariant)]
    private static partial Regex SafeId();
}
