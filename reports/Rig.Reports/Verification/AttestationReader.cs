using System.Text;
using System.Text.Json;
using Rig.Reports.Text;

namespace Rig.Reports.Verification;

/// <summary>What an attestation file holds, as read but not yet trusted.</summary>
internal sealed record AttestationContent(string PayloadType, byte[] Payload, IReadOnlyList<byte[]> Signatures, Statement? Statement, string StatementProblem);

/// <summary>The parts of an in-toto statement the checks look at; null where absent or of the wrong JSON type.</summary>
internal sealed record Statement(string? Type, string? PredicateType, IReadOnlyList<StatementSubject>? Subjects, string? SigningKeyFingerprint);

/// <summary>One subject; <paramref name="Sha256"/> is null when the entry has no sha256 digest.</summary>
internal sealed record StatementSubject(string Name, string? Sha256);

/// <summary>
/// Reads a DSSE envelope and the statement in it. The file comes from wherever the report
/// came from, so everything is bounded and a malformed file is a reason, never an exception.
/// </summary>
internal static class AttestationReader
{
    private const int MaxSubjects = 1024; // sigstore-go's limit too
    // A duplicate key could show one verifier a different payload or subject than the one the signature covers elsewhere: refused.
    private static readonly JsonDocumentOptions Options = new() { MaxDepth = 32, AllowDuplicateProperties = false };

    public static AttestationContent? Read(byte[] envelope, out string problem)
    {
        problem = "";
        try
        {
            using JsonDocument doc = JsonDocument.Parse(envelope, Options);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object ||
                Str(root, "payloadType") is not { } type ||
                Str(root, "payload") is not { } payloadText ||
                !root.TryGetProperty("signatures", out JsonElement sigs) || sigs.ValueKind != JsonValueKind.Array)
            {
                problem = "not a DSSE envelope (it needs payloadType, payload and signatures)";
                return null;
            }

            byte[]? payload = Base64(payloadText);
            if (payload is null)
            {
                problem = "its payload is not base64";
                return null;
            }

            var signatures = sigs.EnumerateArray().Take(16)
                .Select(s => s.ValueKind == JsonValueKind.Object && Str(s, "sig") is { } b64 ? Base64(b64) : null)
                .OfType<byte[]>()
                .ToList();
            Statement? statement = ReadStatement(payload, out string statementProblem);
            return new AttestationContent(type, payload, signatures, statement, statementProblem);
        }
        catch (JsonException e)
        {
            problem = $"not JSON ({OneLine(e.Message)})";
            return null;
        }
    }

    private static Statement? ReadStatement(byte[] payload, out string problem)
    {
        problem = "";
        try
        {
            using JsonDocument doc = JsonDocument.Parse(payload, Options);
            JsonElement root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                problem = "the payload is not a JSON object";
                return null;
            }

            List<StatementSubject>? subjects = null;
            if (root.TryGetProperty("subject", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
            {
                subjects = list.EnumerateArray().Take(MaxSubjects + 1).Select(Subject).ToList();
            }

            string? fingerprint = root.TryGetProperty("predicate", out JsonElement predicate) && predicate.ValueKind == JsonValueKind.Object
                ? Str(predicate, "signingKeyFingerprint")
                : null;
            return new Statement(Str(root, "_type"), Str(root, "predicateType"), subjects, fingerprint);
        }
        catch (JsonException e)
        {
            problem = $"the payload is not JSON ({OneLine(e.Message)})";
            return null;
        }
    }

    private static StatementSubject Subject(JsonElement s)
    {
        if (s.ValueKind != JsonValueKind.Object)
        {
            return new StatementSubject("", null);
        }

        string? sha = s.TryGetProperty("digest", out JsonElement d) && d.ValueKind == JsonValueKind.Object ? Str(d, "sha256") : null;
        return new StatementSubject(Str(s, "name") ?? "", sha);
    }

    private static string? Str(JsonElement e, string name) =>
        e.TryGetProperty(name, out JsonElement v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    /// <summary>Standard or URL-safe base64, padded or not: DSSE verifiers must accept either.</summary>
    private static byte[]? Base64(string text)
    {
        var s = new StringBuilder(text.Length + 3).Append(text).Replace('-', '+').Replace('_', '/');
        while (s.Length % 4 != 0)
        {
            s.Append('=');
        }

        try
        {
            return Convert.FromBase64String(s.ToString());
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private static string OneLine(string message) => DeviceText.Show(message, 200) ?? "";
}
