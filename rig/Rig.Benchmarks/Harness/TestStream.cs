using System.Security.Cryptography;

namespace Rig.Benchmarks.Harness;

/// <summary>
/// The stream the capture scenario sends: boot-log-sized lines of base64 from a fixed seed, then
/// the end marker, so every tool sees the same bytes and the pattern only matches at the very end.
/// </summary>
internal sealed record TestStream(string Path, long Length, string Sha256)
{
    public const string EndMarker = "\r\nBENCH-END 0123456789abcdef\r\n";

    public static TestStream Create(string dir, int mebibytes)
    {
        Directory.CreateDirectory(dir);
        string path = System.IO.Path.Combine(dir, $"stream-{mebibytes}MiB.txt");
        long target = mebibytes * 1024L * 1024L;
        var random = new Random(mebibytes);
        byte[] raw = new byte[57]; // 57 bytes make 76 base64 characters: a full line
        using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 16))
        {
            Span<char> text = stackalloc char[76];
            Span<byte> line = stackalloc byte[78];
            for (long written = 0; written < target; written += line.Length)
            {
                random.NextBytes(raw);
                Convert.TryToBase64Chars(raw, text, out _);
                for (int i = 0; i < 76; i++)
                {
                    line[i] = (byte)text[i];
                }

                line[76] = (byte)'\r';
                line[77] = (byte)'\n';
                file.Write(line);
            }

            file.Write(System.Text.Encoding.ASCII.GetBytes(EndMarker));
        }

        return new TestStream(path, new FileInfo(path).Length, Hash(path));
    }

    public static string Hash(string path)
    {
        using FileStream f = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(f));
    }
}
