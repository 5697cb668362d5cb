using System.Text;
using System.Text.Json;
using Rig.Reports.Attestation;
using Rig.Reports.Verification;

namespace Rig.Tests.Attestation;

/// <summary>
/// The envelope's spelling is not what is verified: the decoded payload is. A respelled envelope
/// still verifies (DSSE verifiers must accept either base64 alphabet, padded or not); one that
/// could show two readers two different payloads (a duplicate key) does not.
/// </summary>
public class EnvelopeSpellingTests
{
    private AttestedFolder _folder = null!;

    [SetUp]
    public void Write() => _folder = new AttestedFolder();

    [TearDown]
    public void Clean() => _folder.Dispose();

    private string EnvelopeFile => _folder[AttestedReport.EnvelopeFileName];

    private string[] Failed() => ReportVerifier.Verify(_folder.Dir, _folder.PublicKey).Where(c => !c.Passed).Select(c => c.Name).ToArray();

    [Test]
    public void AnIndentedEnvelopeWithUrlSafeUnpaddedBase64StillVerifiesTheSamePayload()
    {
        JsonElement env = _folder.Envelope();
        string payload = env.GetProperty("payload").GetString()!;
        string sig = env.GetProperty("signatures")[0].GetProperty("sig").GetString()!;
        string respelled = "{\n  \"signatures\": [ { \"sig\": \"" + UrlSafe(sig) + "\", \"keyid\": \"\" } ],\n" +
                           "  \"payloadType\": \"" + Dsse.InTotoPayloadType + "\",\n  \"payload\": \"" + UrlSafe(payload) + "\"\n}\n";
        File.WriteAllText(EnvelopeFile, respelled);

        Assert.That(Failed(), Is.Empty);
        Assert.That(_folder.StatementBytes(), Is.EqualTo(Convert.FromBase64String(payload)), "the decoded payload is the one that was signed");
    }

    [Test]
    public void ADuplicatePayloadKeyIsRefusedEvenWhenOneOfThemIsSigned()
    {
        string original = File.ReadAllText(EnvelopeFile);
        string forged = Convert.ToBase64String(Encoding.UTF8.GetBytes("{\"_type\":\"forged\"}"));
        File.WriteAllText(EnvelopeFile, "{\"payload\":\"" + forged + "\"," + original.TrimStart()[1..]);

        Assert.That(Failed(), Does.Contain("envelope signature"));
    }

    private static string UrlSafe(string b64) => b64.TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
