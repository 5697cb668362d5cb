using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rig.Reports.Attestation;

namespace Rig.Tests.Attestation;

public class EnvelopeTests
{
    private AttestedFolder _folder = null!;
    private TempDir _work = null!;

    [OneTimeSetUp]
    public void Write()
    {
        _folder = new AttestedFolder();
        _work = new TempDir();
    }

    [OneTimeTearDown]
    public void Clean()
    {
        _folder.Dispose();
        _work.Dispose();
    }

    [Test]
    public void TheReadmeRecipeWithJqVerifiesEverythingWithOpenssl()
    {
        OpensslRecipes.Result r = OpensslRecipes.Run(OpensslRecipes.WithJq, _folder.Dir, _folder.PublicKey, _work.Path);

        Assert.That(r.Exit, Is.Zero, r.Stderr + r.Stdout);
        string[] lines = r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.That(lines, Is.EqualTo(new[]
        {
            "Verified OK",
            "Verified OK",
            "application/vnd.in-toto+json",
            "https://in-toto.io/Statement/v1",
            "https://rig.example/attestation/certification/v0.1",
            "report.html: OK",
            "console.raw: OK",
            "journal.jsonl: OK",
            "junit.xml: OK",
            _folder.Key.Fingerprint,
            _folder.Key.Fingerprint,
        }));
    }

    [Test]
    public void TheRecipeWithoutJqVerifiesTheEnvelopeAndTheSubjects()
    {
        OpensslRecipes.Result r = OpensslRecipes.Run(OpensslRecipes.WithoutJq, _folder.Dir, _folder.PublicKey, _work.Path);

        Assert.That(r.Exit, Is.Zero, r.Stderr + r.Stdout);
        Assert.That(r.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            "Verified OK", "report.html: OK", "console.raw: OK", "journal.jsonl: OK", "junit.xml: OK",
        }));
    }

    [Test]
    public void TheRecipesFailOnAChangedFile()
    {
        using var copy = new TempDir();
        foreach (string f in Directory.GetFiles(_folder.Dir))
        {
            File.Copy(f, copy.File(Path.GetFileName(f)));
        }

        byte[] raw = File.ReadAllBytes(copy["console.raw"]);
        raw[0] ^= 0x20;
        File.WriteAllBytes(copy["console.raw"], raw);

        foreach (string recipe in new[] { OpensslRecipes.WithJq, OpensslRecipes.WithoutJq })
        {
            OpensslRecipes.Result r = OpensslRecipes.Run(recipe, copy.Path, _folder.PublicKey, _work.Path);
            Assert.That(r.Exit, Is.Not.Zero);
            Assert.That(r.Stdout, Does.Contain("console.raw: FAILED"));
        }
    }

    [Test]
    public void TheEnvelopeIsOneCompactLineWithTheExactFieldsVerifiersNeed()
    {
        byte[] bytes = File.ReadAllBytes(_folder[AttestedReport.EnvelopeFileName]);
        string text = Encoding.UTF8.GetString(bytes);

        Assert.That(text.IndexOf('\n'), Is.EqualTo(text.Length - 1), "one line, ending in a newline");
        Assert.That(bytes[..3], Is.Not.EqualTo(new byte[] { 0xEF, 0xBB, 0xBF }));
        Assert.That(text, Does.StartWith("{\"payload\":\""));
        Assert.That(text, Does.Contain(",\"payloadType\":\"application/vnd.in-toto+json\",\"signatures\":[{\"keyid\":\"\",\"sig\":\""));
        JsonElement sig = _folder.Envelope().GetProperty("signatures");
        Assert.That(sig.GetArrayLength(), Is.EqualTo(1));
        string b64 = sig[0].GetProperty("sig").GetString()!;
        Assert.That(b64, Does.Match("^[A-Za-z0-9+/]+=*$"), "standard base64");
        byte[] der = Convert.FromBase64String(b64);
        Assert.That(der[0], Is.EqualTo(0x30), "a DER SEQUENCE, not raw r||s");
    }

    [Test]
    public void TheSignatureCoversThePaeNotThePayload()
    {
        byte[] payload = _folder.StatementBytes();
        byte[] sig = Convert.FromBase64String(_folder.Envelope().GetProperty("signatures")[0].GetProperty("sig").GetString()!);
        using ECDsa key = Rig.Reports.Signing.LabKeys.LoadPublic(_folder.PublicKey);

        byte[] pae = [.. Encoding.ASCII.GetBytes($"DSSEv1 28 application/vnd.in-toto+json {payload.Length} "), .. payload];
        Assert.That(Dsse.Pae(Dsse.InTotoPayloadType, payload), Is.EqualTo(pae));
        Assert.That(key.VerifyData(pae, sig, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), Is.True);
        Assert.That(key.VerifyData(payload, sig, HashAlgorithmName.SHA256, DSASignatureFormat.Rfc3279DerSequence), Is.False);
    }

    [Test]
    public void ThePaeMatchesTheDsseSpecExample()
    {
        Assert.That(Encoding.ASCII.GetString(Dsse.Pae("http://example.com/HelloWorld", "hello world"u8)),
            Is.EqualTo("DSSEv1 29 http://example.com/HelloWorld 11 hello world"));
    }

    [Test]
    public void TheStatementNamesEveryFileWithItsLowercaseDigest()
    {
        JsonElement subjects = _folder.Statement().GetProperty("subject");

        Assert.That(subjects.EnumerateArray().Select(s => s.GetProperty("name").GetString()),
            Is.EqualTo(new[] { "report.html", "console.raw", "journal.jsonl", "junit.xml" }));
        foreach (JsonElement s in subjects.EnumerateArray())
        {
            string name = s.GetProperty("name").GetString()!;
            string expected = Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(_folder[name])));
            Assert.That(s.GetProperty("digest").GetProperty("sha256").GetString(), Is.EqualTo(expected), name);
            Assert.That(s.GetProperty("digest").EnumerateObject().Count(), Is.EqualTo(1));
        }
    }

    [Test]
    public void ThePredicateCarriesTheVerdictsInStringsOnly()
    {
        byte[] bytes = _folder.StatementBytes();
        string text = Encoding.UTF8.GetString(bytes);
        JsonElement statement = _folder.Statement();
        JsonElement p = statement.GetProperty("predicate");

        Assert.That(statement.EnumerateObject().Select(x => x.Name), Is.EqualTo(new[] { "_type", "subject", "predicateType", "predicate" }));
        Assert.That(text, Does.Not.Contain("\\u00").And.Not.Contain("\n").And.Not.Contain(": "), "compact, relaxed escaping");
        Assert.That(p.GetProperty("reportId").GetString(), Is.EqualTo("LAB42-2026-0007"));
        Assert.That(p.GetProperty("issuedAt").GetString(), Is.EqualTo("2026-11-21T10:45:24Z"), "UTC with Z, whatever the model's offset");
        Assert.That(p.GetProperty("lab").GetProperty("name").GetString(), Is.EqualTo("Example Test Lab"));
        Assert.That(p.GetProperty("device").GetProperty("model").GetString(), Is.EqualTo("Cam 3000"));
        Assert.That(p.GetProperty("verdict").GetString(), Is.EqualTo("fail"));
        Assert.That(p.GetProperty("signingKeyFingerprint").GetString(), Is.EqualTo(_folder.Key.Fingerprint));
        Assert.That(p.GetProperty("plans").EnumerateArray().Select(x => (x.GetProperty("id").GetString(), x.GetProperty("verdict").GetString(), x.GetProperty("reason").GetString())),
            Is.EqualTo(new[] { ("CRED-01", "fail", "telnet accepted root:xc3511"), ("UPD-01", "pass", "an unsigned image was refused") }));
        Assert.That(p.TryGetProperty("scheme", out _), Is.False, "no scheme, no scheme field");
        Assert.That(Numbers(statement), Is.Zero, "no numbers, so no float formatting question");
    }

    [Test]
    public void ASchemesStatementIsCarriedAndTheBytesAreDeterministic()
    {
        var conformity = new Rig.Reports.Model.ConformityStatement("EN 303 645 baseline", "0.1", "ETSI EN 303 645 V3.1.3", "all provisions met",
            [new Rig.Reports.Model.ProvisionOutcome("5.1-1", "No universal default passwords", "not met", "CRED-01 fail")], "does not conform");
        var model = Reports.SampleReports.Ordinary() with { Conformity = conformity };
        AttestationSubject[] subjects = [new("report.html", new string('0', 64))];

        byte[] once = CertificationStatement.Build(model, subjects);
        Assert.That(CertificationStatement.Build(model, subjects), Is.EqualTo(once));
        JsonElement scheme = JsonDocument.Parse(once).RootElement.GetProperty("predicate").GetProperty("scheme");
        Assert.That(scheme.GetProperty("statement").GetString(), Is.EqualTo("does not conform"));
        Assert.That(scheme.GetProperty("provisions")[0].GetProperty("outcome").GetString(), Is.EqualTo("not met"));
    }

    private static int Numbers(JsonElement e) => e.ValueKind switch
    {
        JsonValueKind.Number => 1,
        JsonValueKind.Object => e.EnumerateObject().Sum(p => Numbers(p.Value)),
        JsonValueKind.Array => e.EnumerateArray().Sum(Numbers),
        _ => 0,
    };
}
