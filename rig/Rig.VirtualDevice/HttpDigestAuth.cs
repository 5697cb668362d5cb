using System.Security.Cryptography;
using System.Text;

namespace Rig.VirtualDevice;

/// <summary>
/// Server side of HTTP Digest (RFC 7616, qop=auth) with SHA-256 and MD5, as browsers offer them.
/// Nonces are stateless: a timestamp and an HMAC over it with a key made at power-on, valid for
/// <see cref="NonceLifetime"/>; a stale nonce is refused with stale=true.
/// </summary>
internal sealed class HttpDigestAuth(string realm, string user, string password)
{
    public static readonly TimeSpan NonceLifetime = TimeSpan.FromMinutes(5);

    private readonly byte[] _key = RandomNumberGenerator.GetBytes(32);
    private readonly string _opaque = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The WWW-Authenticate values, strongest first (clients pick the first they support).</summary>
    public IEnumerable<string> Challenges(bool stale = false)
    {
        string nonce = NewNonce();
        string extra = stale ? ", stale=true" : string.Empty;
        yield return $"Digest realm=\"{realm}\", qop=\"auth\", algorithm=SHA-256, nonce=\"{nonce}\", opaque=\"{_opaque}\"{extra}";
        yield return $"Digest realm=\"{realm}\", qop=\"auth\", algorithm=MD5, nonce=\"{nonce}\", opaque=\"{_opaque}\"{extra}";
    }

    /// <summary>Checks an Authorization header value for <paramref name="method"/>.</summary>
    /// <returns>Ok, Wrong (a wrong user or password: counts as a failed login), Stale or Malformed.</returns>
    public DigestCheck Check(string authorization, string method)
    {
        if (!authorization.StartsWith("Digest ", StringComparison.OrdinalIgnoreCase))
        {
            return DigestCheck.Malformed;
        }

        Dictionary<string, string>? p = ParseParams(authorization["Digest ".Length..]);
        if (p is null || !p.TryGetValue("username", out string? name) || !p.TryGetValue("nonce", out string? nonce)
            || !p.TryGetValue("uri", out string? uri) || !p.TryGetValue("response", out string? response)
            || !p.TryGetValue("nc", out string? nc) || !p.TryGetValue("cnonce", out string? cnonce)
            || p.GetValueOrDefault("qop") != "auth" || p.GetValueOrDefault("realm") != realm)
        {
            return DigestCheck.Malformed;
        }

        string algorithm = p.GetValueOrDefault("algorithm", "MD5");
        Func<string, string>? h = algorithm switch
        {
            "MD5" => s => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s))),
            "SHA-256" => s => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s))),
            _ => null,
        };
        if (h is null)
        {
            return DigestCheck.Malformed;
        }

        if (!NonceIsFresh(nonce))
        {
            return DigestCheck.Stale;
        }

        string ha1 = h($"{name}:{realm}:{password}");
        string ha2 = h($"{method}:{uri}");
        string expected = h($"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}");
        bool ok = CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(response.ToLowerInvariant()))
            & CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(name), Encoding.UTF8.GetBytes(user));
        return ok ? DigestCheck.Ok : DigestCheck.Wrong;
    }

    /// <summary>key=value and key="quoted value" pairs separated by commas; null when malformed.</summary>
    internal static Dictionary<string, string>? ParseParams(string text)
    {
        var result = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        int i = 0;
        while (i < text.Length)
        {
            while (i < text.Length && text[i] is ' ' or ',')
            {
                i++;
            }

            int eq = text.IndexOf('=', i);
            if (i >= text.Length)
            {
                break;
            }

            if (eq < 0)
            {
                return null;
            }

            string key = text[i..eq].Trim();
            i = eq + 1;
            string value;
            if (i < text.Length && text[i] == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < text.Length && text[i] != '"')
                {
                    if (text[i] == '\\' && i + 1 < text.Length)
                    {
                        i++;
                    }

                    sb.Append(text[i++]);
                }

                if (i >= text.Length)
                {
                    return null; // unterminated quote
                }

                i++;
                value = sb.ToString();
            }
            else
            {
                int comma = text.IndexOf(',', i);
                value = (comma < 0 ? text[i..] : text[i..comma]).Trim();
                i = comma < 0 ? text.Length : comma;
            }

            if (key.Length == 0 || !result.TryAdd(key, value))
            {
                return null;
            }
        }

        return result;
    }

    private string NewNonce()
    {
        byte[] stamp = BitConverter.GetBytes(DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        byte[] mac = HMACSHA256.HashData(_key, stamp);
        return Convert.ToHexStringLower(stamp) + Convert.ToHexStringLower(mac.AsSpan(0, 16));
    }

    private bool NonceIsFresh(string nonce)
    {
        if (nonce.Length != 48)
        {
            return false;
        }

        try
        {
            byte[] stamp = Convert.FromHexString(nonce.AsSpan(0, 16));
            byte[] mac = Convert.FromHexString(nonce.AsSpan(16));
            if (!CryptographicOperations.FixedTimeEquals(mac, HMACSHA256.HashData(_key, stamp).AsSpan(0, 16)))
            {
                return false;
            }

            long age = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds() - BitConverter.ToInt64(stamp);
            return age >= 0 && age <= NonceLifetime.TotalMilliseconds;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}

internal enum DigestCheck
{
    Ok,
    Wrong,
    Stale,
    Malformed,
}
