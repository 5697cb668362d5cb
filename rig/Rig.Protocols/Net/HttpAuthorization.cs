using System.Security.Cryptography;
using System.Text;

namespace Rig.Protocols.Net;

/// <summary>Authorization header values for Basic (RFC 7617) and Digest (RFC 7616, qop=auth, MD5 or SHA-256).</summary>
public static class HttpAuthorization
{
    public static string Basic(string user, string password) =>
        "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes($"{user}:{password}"));

    /// <summary>True when the rig can answer <paramref name="challenge"/>: Digest with MD5 or SHA-256, a nonce, and qop auth (or none).</summary>
    public static bool CanAnswer(HttpChallenge challenge) =>
        !challenge.Parameters.Values.Any(v => v.Any(char.IsControl)) // a device's CR LF must never reach our request
        && (challenge.IsBasic
        || (challenge.IsDigest && challenge.Parameters.ContainsKey("nonce") && challenge.Algorithm is "MD5" or "SHA-256"
            && (!challenge.Parameters.TryGetValue("qop", out string? qop) || qop.Split(',').Any(q => q.Trim() == "auth"))));

    /// <summary>The Digest answer to <paramref name="challenge"/> for GET <paramref name="uri"/>.</summary>
    /// <param name="cnonce">The client nonce; random when null (tests pass a fixed one).</param>
    public static string Digest(HttpChallenge challenge, string user, string password, string method, string uri, string? cnonce = null)
    {
        Func<string, string> h = challenge.Algorithm == "SHA-256"
            ? s => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(s)))
            : s => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(s)));
        string realm = challenge.Realm ?? string.Empty;
        string nonce = challenge.Parameters["nonce"];
        bool qop = challenge.Parameters.ContainsKey("qop");
        cnonce ??= Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        const string nc = "00000001";
        string ha1 = h($"{user}:{realm}:{password}");
        string ha2 = h($"{method}:{uri}");
        string response = qop ? h($"{ha1}:{nonce}:{nc}:{cnonce}:auth:{ha2}") : h($"{ha1}:{nonce}:{ha2}");
        var sb = new StringBuilder("Digest ");
        sb.Append($"username=\"{Quote(user)}\", realm=\"{Quote(realm)}\", nonce=\"{Quote(nonce)}\", uri=\"{Quote(uri)}\", ");
        sb.Append($"algorithm={challenge.Algorithm}, response=\"{response}\"");
        if (qop)
        {
            sb.Append($", qop=auth, nc={nc}, cnonce=\"{cnonce}\"");
        }

        if (challenge.Parameters.TryGetValue("opaque", out string? opaque))
        {
            sb.Append($", opaque=\"{Quote(opaque)}\"");
        }

        return sb.ToString();
    }

    /// <summary>The answer to <paramref name="challenge"/>, Basic or Digest.</summary>
    public static string For(HttpChallenge challenge, string user, string password, string uri) =>
        challenge.IsBasic ? Basic(user, password) : Digest(challenge, user, password, "GET", uri);

    private static string Quote(string s) => s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal);
}
