using System.Globalization;
using Rig.Reports.Certificates;
using Rig.Reports.Text;

namespace Rig.Reports.Verification;

/// <summary>
/// The one line <c>rig verify</c> prints for a certificate: its status on a given date, from the
/// folder's latest recheck (status.json) or, without one, from the certificate as issued. A
/// certificate past its last day reads expired whatever the status said when it was written;
/// a revocation stays a revocation.
/// </summary>
public static class StatusLine
{
    /// <summary>Null when the folder holds no certificate.</summary>
    /// <exception cref="ReportException">A status or certificate file that cannot be read.</exception>
    public static string? At(string directory, DateOnly on)
    {
        string status = Path.Combine(directory, StatusJson.FileName);
        string certificate = Path.Combine(directory, CertificateJson.FileName);
        string day = on.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        string line;
        if (File.Exists(status))
        {
            StatusFile s = StatusFile.Read(status);
            string rechecked = $"rechecked {s.Checked} against {s.Database}";
            line = Effective(s.Status, s.ValidUntil, on) switch
            {
                CertificateStatus.RevokedState => $"REVOKED: {s.Revocation ?? s.Status.Basis} ({rechecked})",
                CertificateStatus.ExpiredState => $"EXPIRED: valid until {s.ValidUntil} ({rechecked})",
                CertificateStatus.WarningState => $"WARNING: known vulnerabilities: {string.Join("; ", s.Findings)} ({rechecked})",
                _ => $"VALID until {s.ValidUntil}: no known vulnerability ({rechecked})",
            };
        }
        else if (File.Exists(certificate))
        {
            CertificateModel c = CertificateJsonReader.Read(certificate);
            line = Effective(c.Status, c.ValidUntil, on) switch
            {
                CertificateStatus.ExpiredState => $"EXPIRED: valid until {c.ValidUntil} (as issued on {c.Issued}; not rechecked)",
                CertificateStatus.WarningState => $"WARNING: known vulnerabilities: {string.Join(", ", c.Status.Ids)} (as issued on {c.Issued}; not rechecked)",
                string other => $"{other.ToUpperInvariant()} until {c.ValidUntil}: {c.Status.Basis} (as issued on {c.Issued}; not rechecked)",
            };
        }
        else
        {
            return null;
        }

        return DeviceText.Show($"status on {day}: {line}", 4000);
    }

    /// <summary>The state on <paramref name="on"/>: revoked stays revoked; otherwise past the last day is expired.</summary>
    public static string Effective(CertificateStatus status, string validUntil, DateOnly on) =>
        status.State == CertificateStatus.RevokedState ? status.State
        : DateOnly.TryParseExact(validUntil, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly last) && on > last ? CertificateStatus.ExpiredState
        : status.State;
}
