using System.Security.Cryptography;
using Rig.Engine.Config;
using Rig.Formats.Files;

namespace Rig.Engine.Actions;

/// <summary>A credential list: user:password per line, '#' comments (which name the source), an empty password as "user:".</summary>
public sealed record WordList(string Path, string Sha256, string? Source, IReadOnlyList<(string User, string Password)> Pairs)
{
    private const int MaxBytes = 16 * 1024 * 1024;

    public static WordList Load(string path, string displayName)
    {
        byte[] bytes;
        try
        {
            bytes = GuardedFile.ReadAll(path, MaxBytes, displayName);
        }
        catch (RefusedFileException e)
        {
            throw new ConfigException(displayName, 1, 1, e.Reason);
        }

        string[] lines = Decode(bytes, displayName).Split('\n');
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
                throw new ConfigException(displayName, i + 1, 1, $"expected user:password, got '{Rig.Reports.Text.DeviceText.Show(line, 80)}'");
            }

            pairs.Add((line[..colon], line[(colon + 1)..]));
        }

        if (pairs.Count == 0)
        {
            throw new ConfigException(displayName, 1, 1, "no user:password lines");
        }

        return new WordList(path, Convert.ToHexStringLower(SHA256.HashData(bytes)), source, pairs);
    }

    /// <summary>Strict UTF-8; a bad byte is named by line and column, so the lab can find it.</summary>
    private static string Decode(byte[] bytes, string displayName)
    {
        try
        {
            return new System.Text.UTF8Encoding(false, true).GetString(bytes);
        }
        catch (System.Text.DecoderFallbackException e)
        {
            (int line, int column) = YamlFile.Utf8Position(bytes, e.Index);
            throw new ConfigException(displayName, line, column, "not valid UTF-8");
        }
    }
}
