using System.Security.Cryptography;

namespace Rig.Engine.Plans;

/// <summary>A credential list: user:password per line, '#' comments (which name the source), an empty password as "user:".</summary>
public sealed record WordList(string Path, string Sha256, string? Source, IReadOnlyList<(string User, string Password)> Pairs)
{
    private const int MaxBytes = 16 * 1024 * 1024;

    public static WordList Load(string path, string displayName)
    {
        var info = new FileInfo(path);
        if (!info.Exists)
        {
            throw new FileNotFoundException("no such file", displayName);
        }

        if (info.Length > MaxBytes)
        {
            throw new InvalidDataException("larger than 16 MiB");
        }

        byte[] bytes = File.ReadAllBytes(path);
        string[] lines = new System.Text.UTF8Encoding(false, true).GetString(bytes).Split('\n');
        var pairs = new List<(string, string)>();
        string? source = null;
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].TrimEnd('\r');
            if (line.StartsWith('#'))
            {
                // The first "# Source:" comment names where the list comes from.
                if (source is null && line.StartsWith("# Source:", StringComparison.OrdinalIgnoreCase))
                {
                    source = line[9..].Trim();
                }

                continue;
            }

            if (line.Length == 0)
            {
                continue;
            }

            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon <= 0)
            {
                throw new InvalidDataException($"line {i + 1}: expected user:password, got '{line}'");
            }

            pairs.Add((line[..colon], line[(colon + 1)..]));
        }

        if (pairs.Count == 0)
        {
            throw new InvalidDataException("no user:password lines");
        }

        return new WordList(path, Convert.ToHexStringLower(SHA256.HashData(bytes)), source, pairs);
    }
}
