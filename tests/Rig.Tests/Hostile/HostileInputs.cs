using System.Text;

namespace Rig.Tests.Hostile;

/// <summary>
/// Seeds (the shipped inputs) and the ways a hostile or broken file differs from them: structural
/// bombs every reader must survive, and random mutations (byte flips, cuts, inserted tokens,
/// hostile values, lost or repeated lines), from a fixed seed so a failure can be replayed.
/// </summary>
internal static class HostileInputs
{
    public static readonly string[] YamlKinds = ["bench", "profile", "plan", "fragment", "scheme", "lab"];

    private static readonly byte[] Bytes = [0x00, 0xFF, 0xFE, 0x1B, 0x07, 0x0D, 0x7F, 0x80, 0xC0, (byte)'{', (byte)'[', (byte)':', (byte)'&', (byte)'*', (byte)'"', (byte)'\'', (byte)'\t', (byte)'%', (byte)'!', (byte)'|', (byte)'>', (byte)'-', (byte)'#'];

    private static readonly string[] YamlTokens =
        ["{", "[", "]", "}", ": ", "- ", "&a ", "*a", "*nope", "? ", "!!binary ", "!!python/object ", "<<: *a\n", "%YAML 1.1\n", "---\n", "...\n", "\t", "\"", "'", "|\n", ">-\n", "\n  x: 1\n", "\u202e", "\u001b]52;c;AAAA\u0007", "\u0000", "key: value\n", "\n\n- item\n"];

    private static readonly string[] HostileValues =
        ["NaN", ".nan", ".inf", "-.inf", "Infinity", "1e309", "-1", "0", "99999999999999999999", "65536", "0x10", "''", "~", "null", "[]", "{}", new string('a', 5000), "\u202eevil", "\u001b]0;title\u0007", "[", "{", "*nope", "&a x", "!!binary AAAA", "1.5.3", "127.0.0.999", "99999h", "-5s", "true", "/etc/shadow", "../../../../etc/passwd"];

    private static readonly string[] TemplateTokens =
        ["{{", "}}", "{{#each}}", "{{/if}}", "{{{title}}}", "{{&title}}", "{{nosuchfield}}", "<script>x()</script>", "<meta http-equiv=\"refresh\" content=\"0;url=http://x\">",
         "<img src=\"http://x/a.png\">", "<link rel=stylesheet href=//x>", "<iframe></iframe>", "<a href=\"https://x\">x</a>", "<div onclick=\"x()\">",
         "<style>@import url(http://x)</style>", "</style", "{{> partial}}", "{{reportHead}}", "{{#if}}", "<object data=x>", "<base href=//x>", "<svg><image href=\"http://x\"/></svg>"];

    private static readonly string[] TextTokens = ["\u0000", "\u00ff", "\u001b[2K", "\n", ":", "{", "\"", "}", "\\", "\\u", "\"rx\":", "\"t\":-1,", "{\"t\":1e999,\"rx\":\"x\"}\n", "{\"tx\":5}\n", "{}\n", "[1]\n", "garbage\n"];

    /// <summary>Structural variants for a text kind; each is written by <paramref name="write"/> (bytes) or made directly at a path.</summary>
    public static IEnumerable<(string Name, Action<string> Make)> Structural(string kind, byte[] seed)
    {
        yield return ("empty", p => File.WriteAllBytes(p, []));
        yield return ("fifo", p => MakeFifo(p));
        yield return ("folder", p => Directory.CreateDirectory(p));
        yield return ("dev-zero", p => File.CreateSymbolicLink(p, "/dev/zero"));
        yield return ("missing", _ => { });
        yield return ("sparse-1GiB", p => { using var f = File.Create(p); f.SetLength(1L << 30); });
        yield return ("binary", p => File.WriteAllBytes(p, Noise(4096, 1)));
        yield return ("ff", p => File.WriteAllBytes(p, Enumerable.Repeat((byte)0xFF, 64).ToArray()));
        yield return ("utf16", p => File.WriteAllBytes(p, Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(seed))));
        yield return ("long-line", p => File.WriteAllBytes(p, [.. seed, .. Encoding.ASCII.GetBytes(new string('x', 100_000))]));
        if (kind == "template")
        {
            yield return ("deep-blocks", p => File.WriteAllText(p, Encoding.UTF8.GetString(seed) + string.Concat(Enumerable.Repeat("{{#if title}}", 20_000))));
            yield return ("deep-parens", p => File.WriteAllText(p, Encoding.UTF8.GetString(seed) + "{{x " + new string('(', 20_000) + "}}"));
            yield return ("script-before-head", p => File.WriteAllText(p, Encoding.UTF8.GetString(seed).Replace("<head>", "<script>alert(1)</script><head>", StringComparison.OrdinalIgnoreCase)));
        }

        if (Array.IndexOf(YamlKinds, kind) < 0)
        {
            yield break;
        }

        yield return ("only-comment", p => File.WriteAllText(p, "# nothing\n"));
        yield return ("two-documents", p => File.WriteAllBytes(p, [.. seed, .. "\n---\n"u8, .. seed]));
        yield return ("top-list", p => File.WriteAllText(p, "- a\n- b\n"));
        yield return ("top-scalar", p => File.WriteAllText(p, "just text\n"));
        yield return ("deep-flow-50000", p => File.WriteAllText(p, "a: " + string.Join('\n', Enumerable.Repeat(new string('[', 100), 500)) + "\n"));
        yield return ("deep-block", p => File.WriteAllText(p, string.Concat(Enumerable.Range(0, 300).Select(i => new string(' ', i) + "a:\n")) + new string(' ', 300) + "b: 1\n"));
        yield return ("alias-bomb", p => File.WriteAllText(p, AliasBomb(keyAtEnd: false)));
        yield return ("alias-bomb-key", p => File.WriteAllText(p, AliasBomb(keyAtEnd: true)));
        yield return ("alias-key", p => File.WriteAllText(p, "x: &k [1, 2]\n? *k\n: 3\n"));
        yield return ("self-alias", p => File.WriteAllText(p, "a: &x [1, *x]\n"));
        yield return ("complex-key", p => File.WriteAllText(p, "? [a, b]\n: 1\n"));
        yield return ("big", p => File.WriteAllText(p, string.Concat(Enumerable.Repeat("# padding padding padding padding padding padding padding\n", 40_000))));
        yield return ("bom", p => File.WriteAllBytes(p, [0xEF, 0xBB, 0xBF, .. seed, 0xFF]));
        yield return ("tab-indent", p => File.WriteAllText(p, Encoding.UTF8.GetString(seed).Replace("\n  ", "\n\t", StringComparison.Ordinal)));
        yield return ("unclosed", p => File.WriteAllText(p, "a: { b: [1, 2\n"));
        yield return ("duplicate-key", p => File.WriteAllBytes(p, [.. seed, .. Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(seed).Split('\n')[0] + "\n")]));
        yield return ("nan-everywhere", p => File.WriteAllText(p, System.Text.RegularExpressions.Regex.Replace(Encoding.UTF8.GetString(seed), @"(?m)(:\s+)\d+(\.\d+)?(ms|s|m|h)?\s*$", "$1NaN")));
    }

    /// <summary>A random mutation of <paramref name="seed"/>.</summary>
    public static byte[] Mutate(string kind, byte[] seed, Random r)
    {
        var data = new List<byte>(seed);
        int steps = 1 + r.Next(3);
        for (int i = 0; i < steps; i++)
        {
            int at = data.Count == 0 ? 0 : r.Next(data.Count);
            switch (r.Next(kind == "template" ? 4 : 8))
            {
                case 0:
                    if (data.Count > 0)
                    {
                        data[at] = Bytes[r.Next(Bytes.Length)];
                    }

                    break;
                case 1:
                    data.InsertRange(at, Encoding.UTF8.GetBytes(Token(kind, r)));
                    break;
                case 2:
                    data.InsertRange(at, Encoding.UTF8.GetBytes(Token(kind, r)));
                    break;
                case 3:
                    if (r.Next(4) == 0)
                    {
                        data.RemoveRange(at, data.Count - at); // cut short
                    }
                    else
                    {
                        data.InsertRange(at, Encoding.UTF8.GetBytes(Token(kind, r)));
                    }

                    break;
                default:
                    data = [.. Encoding.UTF8.GetBytes(LineEdit(Encoding.UTF8.GetString([.. data]), r))];
                    break;
            }
        }

        return [.. data];
    }

    private static string Token(string kind, Random r) => kind switch
    {
        "template" => TemplateTokens[r.Next(TemplateTokens.Length)],
        "wordlist" or "transcript" or "firmware" => TextTokens[r.Next(TextTokens.Length)],
        _ => YamlTokens[r.Next(YamlTokens.Length)],
    };

    // Whole-line edits: a lost line, a repeated line (a duplicate key), a hostile value, an indentation change.
    private static string LineEdit(string text, Random r)
    {
        var lines = text.Split('\n').ToList();
        int i = r.Next(lines.Count);
        switch (r.Next(4))
        {
            case 0:
                lines.RemoveAt(i);
                break;
            case 1:
                lines.Insert(i, lines[i]);
                break;
            case 2:
                int colon = lines[i].IndexOf(": ", StringComparison.Ordinal);
                string value = HostileValues[r.Next(HostileValues.Length)];
                lines[i] = colon >= 0 ? lines[i][..(colon + 2)] + value : lines[i] + ": " + value;
                break;
            default:
                lines[i] = r.Next(2) == 0 ? " " + lines[i] : lines[i].TrimStart();
                break;
        }

        return string.Join('\n', lines);
    }

    private static string AliasBomb(bool keyAtEnd)
    {
        var s = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
        for (char c = 'b'; c <= 'l'; c++)
        {
            char p = (char)(c - 1);
            s.Append($"{c}: &{c} [*{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}, *{p}]\n");
        }

        return keyAtEnd ? "? &k [x]\n: 1\n" + s + "? *l\n: 1\n" : s.ToString();
    }

    private static byte[] Noise(int length, int seed)
    {
        byte[] b = new byte[length];
        new Random(seed).NextBytes(b);
        return b;
    }

    private static void MakeFifo(string path)
    {
        using var mkfifo = System.Diagnostics.Process.Start("mkfifo", [path]);
        mkfifo.WaitForExit();
        if (mkfifo.ExitCode != 0)
        {
            throw new IOException($"mkfifo {path} failed");
        }
    }
}
