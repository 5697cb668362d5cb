using System.Text;

namespace Rig.Protocols.Net;

/// <summary>One challenge of a WWW-Authenticate header: its scheme (Basic, Digest, ...) and parameters.</summary>
public sealed record HttpChallenge(string Scheme, IReadOnlyDictionary<string, string> Parameters)
{
    public const int MaxValueLength = 1024;

    public string? Realm => Parameters.GetValueOrDefault("realm");

    public bool IsBasic => Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase);

    public bool IsDigest => Scheme.Equals("Digest", StringComparison.OrdinalIgnoreCase);

    /// <summary>The Digest algorithm (MD5 when absent), upper-case.</summary>
    public string Algorithm => Parameters.GetValueOrDefault("algorithm", "MD5").ToUpperInvariant();

    /// <summary>
    /// The challenges of all <paramref name="headerValues"/>. A value may hold several challenges
    /// (<c>Digest ..., Basic realm="x"</c>); anything malformed (unterminated quotes, huge values)
    /// is skipped, never guessed at.
    /// </summary>
    public static IReadOnlyList<HttpChallenge> Parse(IEnumerable<string> headerValues)
    {
        var result = new List<HttpChallenge>();
        foreach (string value in headerValues.Take(16))
        {
            ParseOne(value, result);
        }

        return result;
    }

    private static void ParseOne(string text, List<HttpChallenge> into)
    {
        int i = 0;
        string? scheme = null;
        var parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        while (i < text.Length && into.Count < 16)
        {
            while (i < text.Length && text[i] is ' ' or ',' or '\t')
            {
                i++;
            }

            int tokenStart = i;
            while (i < text.Length && text[i] is not (' ' or '=' or ',' or '\t'))
            {
                i++;
            }

            string token = text[tokenStart..i];
            if (token.Length == 0)
            {
                break;
            }

            int afterSpaces = i;
            while (afterSpaces < text.Length && text[afterSpaces] == ' ')
            {
                afterSpaces++;
            }

            // token68 (e.g. base64) values of a bare "Scheme xyz==" have trailing '='; treat "k=v" only when a value follows.
            if (afterSpaces < text.Length && text[afterSpaces] == '=' && scheme is not null && !(afterSpaces + 1 < text.Length && text[afterSpaces + 1] == '='))
            {
                i = afterSpaces + 1;
                while (i < text.Length && text[i] == ' ')
                {
                    i++;
                }

                string? value = ReadValue(text, ref i);
                if (value is null)
                {
                    return; // malformed: drop the challenge being read
                }

                parameters.TryAdd(token, value);
                continue;
            }

            // A new scheme starts.
            if (scheme is not null)
            {
                into.Add(new HttpChallenge(scheme, parameters));
                parameters = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            }

            scheme = token.Length <= 32 ? token : null;
            if (scheme is null)
            {
                return;
            }
        }

        if (scheme is not null)
        {
            into.Add(new HttpChallenge(scheme, parameters));
        }
    }

    private static string? ReadValue(string text, ref int i)
    {
        var sb = new StringBuilder();
        if (i < text.Length && text[i] == '"')
        {
            i++;
            while (i < text.Length && text[i] != '"')
            {
                if (text[i] == '\\' && i + 1 < text.Length)
                {
                    i++;
                }

                if (sb.Length == MaxValueLength)
                {
                    return null;
                }

                sb.Append(text[i++]);
            }

            if (i >= text.Length)
            {
                return null;
            }

            i++;
            return sb.ToString();
        }

        while (i < text.Length && text[i] is not (',' or ' '))
        {
            if (sb.Length == MaxValueLength)
            {
                return null;
            }

            sb.Append(text[i++]);
        }

        return sb.ToString();
    }
}
