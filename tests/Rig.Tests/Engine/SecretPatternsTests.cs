using Rig.Engine.Actions;

namespace Rig.Tests.Engine;

/// <summary>A redaction is not a secret; a value is.</summary>
public class SecretPatternsTests
{
    private static string? Secret(string line) =>
        SecretPatterns.Builtin.Select(k => k.Pattern.Match(line)).FirstOrDefault(m => m.Success)?.Groups["secret"].Value;

    [TestCase("wpa_supplicant: psk=<redacted>")]
    [TestCase("network={ ssid=\"home\" psk=\"<hidden>\" }")]
    [TestCase("psk=****************")]
    [TestCase("psk=")]
    [TestCase("password=\r\nWelcome to the shell")]
    [TestCase("password: [REDACTED]")]
    [TestCase("pwd=(null)")]
    [TestCase("token=${CLOUD_TOKEN}")]
    [TestCase("mqtt: connecting to mqtts://device:****@broker.example")]
    public void ARedactionIsNoSecret(string line)
    {
        Assert.That(Secret(line), Is.Null);
    }

    [TestCase("wpa_supplicant: psk=hunter2hunter2", "hunter2hunter2")]
    [TestCase("network={ ssid=\"home\" psk=\"correct horse\" }", "correct")]
    [TestCase("password=s3cret", "s3cret")]
    [TestCase("api_key: $ecretKey42", "$ecretKey42")]
    [TestCase("mqtt: connecting to mqtts://device:pa55w0rd@broker.example", "pa55w0rd")]
    public void AValueIsASecret(string line, string secret)
    {
        Assert.That(Secret(line), Is.EqualTo(secret));
    }
}
