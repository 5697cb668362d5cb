using System.Security.Cryptography;
using Rig.Formats.Files;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace Rig.Engine.Config;

/// <summary>A YAML file read with positions, so every later error can point at its line and column.</summary>
public sealed class YamlFile
{
    private YamlFile(string path, string displayName, byte[] bytes, YamlMap root)
    {
        Path = path;
        DisplayName = displayName;
        Sha256 = Convert.ToHexStringLower(SHA256.HashData(bytes));
        Root = root;
    }

    public string Path { get; }

    /// <summary>The path as the user gave it: used in error messages.</summary>
    public string DisplayName { get; }

    /// <summary>Lowercase hex SHA-256 of the exact file bytes: the report names every input by it.</summary>
    public string Sha256 { get; }

    public YamlMap Root { get; }

    /// <summary>Largest YAML input: plans, benches and profiles are a few KiB.</summary>
    public const int MaxBytes = 1024 * 1024;

    /// <summary>Reads and parses within <see cref="YamlLimits"/>; a missing or refused file or bad YAML becomes a ConfigException.</summary>
    public static YamlFile Load(string path, string? displayName = null, CancellationToken ct = default)
    {
        string name = displayName ?? path;
        byte[] bytes;
        try
        {
            bytes = GuardedFile.ReadAll(path, MaxBytes, name, ct);
        }
        catch (RefusedFileException e)
        {
            throw new ConfigException(name, 1, 1, e.Reason);
        }

        var stream = new YamlStream();
        string text = string.Empty;
        try
        {
            text = new System.Text.UTF8Encoding(false, true).GetString(bytes);
            YamlLimits.Check(name, text);
            using var reader = new StringReader(text);
            stream.Load(reader);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this instead of a YamlException when the file ends inside a { } or [ ].
            int lines = text.Count(c => c == '\n') + (text.EndsWith('\n') ? 0 : 1);
            throw new ConfigException(name, Math.Max(lines, 1), 1, "YAML syntax: the file ends inside an unclosed { or [");
        }
        catch (YamlException e)
        {
            string reason = (e.InnerException?.Message ?? e.Message).Split('\n')[0];
            throw new ConfigException(name, (int)e.Start.Line, (int)e.Start.Column, $"YAML syntax: {Trim(reason)}");
        }
        catch (System.Text.DecoderFallbackException e)
        {
            (int line, int column) = Utf8Position(bytes, e.Index);
            throw new ConfigException(name, line, column, "not valid UTF-8");
        }

        if (stream.Documents.Count == 0)
        {
            throw new ConfigException(name, 1, 1, "the file is empty");
        }

        if (stream.Documents.Count > 1)
        {
            YamlNode second = stream.Documents[1].RootNode;
            throw new ConfigException(name, (int)second.Start.Line, (int)second.Start.Column, "only one YAML document per file");
        }

        YamlNode root = stream.Documents[0].RootNode;
        if (root is not YamlMappingNode map)
        {
            throw new ConfigException(name, (int)root.Start.Line, (int)root.Start.Column, "expected a mapping (key: value) at the top level");
        }

        return new YamlFile(path, name, bytes, new YamlMap(name, map));
    }

    /// <summary>1-based line and column (in bytes) of a byte offset.</summary>
    internal static (int Line, int Column) Utf8Position(ReadOnlySpan<byte> bytes, int index)
    {
        index = Math.Clamp(index, 0, bytes.Length);
        int lineStart = bytes[..index].LastIndexOf((byte)'\n') + 1;
        return (bytes[..index].Count((byte)'\n') + 1, index - lineStart + 1);
    }

    private static string Trim(string reason)
    {
        // YamlDotNet prefixes positions of its own; ours are already in front.
        int i = reason.IndexOf("): ", StringComparison.Ordinal);
        return i >= 0 && reason.StartsWith('(') ? reason[(i + 3)..] : reason;
    }
}
