using System.Globalization;
using Rig.Engine.Config;

namespace Rig.Engine.Reporting;

/// <summary>One line of the lab's revocation list: which certificate, from which day, why.</summary>
public sealed record Revocation(string CertificateId, DateOnly From, string Reason)
{
    public override string ToString() => $"revoked by the lab from {From:yyyy-MM-dd}: {Reason}";
}

/// <summary>
/// The lab's revocation list, a plain text file it keeps with its records: one certificate per
/// line, "CERTIFICATE-ID YYYY-MM-DD reason", blank lines and "#" comments ignored. The lab edits
/// it; a recheck reads it and signs what it finds, so a revocation reaches buyers only through
/// a signed status. A mistake is named by file, line and column.
/// </summary>
public static class RevocationList
{
    private const int MaxBytes = 4 * 1024 * 1024;

    /// <exception cref="ConfigException">A line without an id, a date or a reason, or a bad date.</exception>
    public static IReadOnlyList<Revocation> Read(string path)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException($"{path}: no such file", path);
        }

        if (info.Length > MaxBytes)
        {
            throw new ConfigException(path, 1, 1, $"{info.Length} bytes is too large for a revocation list (limit {MaxBytes})");
        }

        var list = new List<Revocation>();
        string[] lines = File.ReadAllLines(path);
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i];
            string trimmed = line.TrimStart();
            if (trimmed.Length == 0 || trimmed.StartsWith('#'))
            {
                continue;
            }

            int idAt = line.Length - trimmed.Length;
            string[] parts = trimmed.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            int dateAt = parts.Length > 1 ? line.IndexOf(parts[1], idAt + parts[0].Length, StringComparison.Ordinal) : line.Length;
            if (parts.Length < 2 || !DateOnly.TryParseExact(parts[1], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly from))
            {
                throw new ConfigException(path, i + 1, dateAt + 1, "expected \"CERTIFICATE-ID YYYY-MM-DD reason\": the date is missing or not YYYY-MM-DD");
            }

            if (parts.Length < 3)
            {
                throw new ConfigException(path, i + 1, line.Length + 1, "a revocation states its reason after the date");
            }

            list.Add(new Revocation(parts[0], from, parts[2].Trim()));
        }

        return list;
    }

    /// <summary>The entry that revokes <paramref name="certificateId"/> on <paramref name="on"/>, if any (the earliest).</summary>
    public static Revocation? Find(IReadOnlyList<Revocation> list, string certificateId, DateOnly on) =>
        list.Where(r => r.CertificateId == certificateId && r.From <= on).MinBy(r => r.From);
}
