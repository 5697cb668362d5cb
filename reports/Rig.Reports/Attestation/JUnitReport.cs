using System.Globalization;
using System.Text;
using System.Xml;
using Rig.Reports.Model;
using Rig.Reports.Text;

namespace Rig.Reports.Attestation;

/// <summary>
/// The run's results as JUnit XML for CI systems: one testsuite per report, one testcase per
/// plan. fail gives &lt;failure type="fail"&gt;; error (the rig failed) gives &lt;error&gt;;
/// not-applicable gives &lt;skipped&gt;. inconclusive gives &lt;failure type="inconclusive"&gt;:
/// the rig could not show the requirement is met, so a CI gate must not count it as passed, and
/// the type tells it apart from a device failure. Provisions, plan and input digests and the
/// run folder's file digests are properties. Deterministic: the same inputs give the same bytes.
/// </summary>
public static class JUnitReport
{
    /// <summary>The file name in a report folder.</summary>
    public const string FileName = "junit.xml";

    private const int MaxFieldChars = 4 * 1024;

    /// <summary>The XML as UTF-8 bytes without a BOM, "\n" line endings.</summary>
    /// <param name="files">Files of the run folder to list with their digests (e.g. report.html, console.raw).</param>
    public static byte[] Build(ReportModel model, IReadOnlyList<AttestationSubject> files)
    {
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(files);
        IReadOnlyList<PlanResult> plans = model.Plans ?? [];
        var settings = new XmlWriterSettings
        {
            Encoding = new UTF8Encoding(false),
            Indent = true,
            IndentChars = "  ",
            NewLineChars = "\n",
            NewLineHandling = NewLineHandling.Entitize,
        };
        var buffer = new MemoryStream();
        using (XmlWriter xml = XmlWriter.Create(buffer, settings))
        {
            string tests = Count(plans.Count);
            string failures = Count(plans.Count(p => p.Verdict is Verdicts.Fail or Verdicts.Inconclusive));
            string errors = Count(plans.Count(p => !Verdicts.IsKnown(p.Verdict) || p.Verdict == Verdicts.Error));
            string skipped = Count(plans.Count(p => p.Verdict == Verdicts.NotApplicable));
            string seconds = Count(Math.Max(0, (long)(model.TestFinishedUtc - model.TestStartedUtc).TotalSeconds));
            string device = Clean(model.Device.Manufacturer + " " + model.Device.Model);

            xml.WriteStartDocument();
            xml.WriteStartElement("testsuites");
            xml.WriteAttributeString("name", Clean(model.Title));
            Totals(xml, tests, failures, errors, skipped, seconds);
            xml.WriteStartElement("testsuite");
            xml.WriteAttributeString("name", Clean(model.ReportId) + ": " + device);
            Totals(xml, tests, failures, errors, skipped, seconds);
            xml.WriteAttributeString("timestamp", model.TestStartedUtc.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture));
            xml.WriteStartElement("properties");
            Property(xml, "report.id", model.ReportId);
            Property(xml, "report.verdict", model.Overall);
            Property(xml, "device", device);
            Property(xml, "device.profile.sha256", model.Device.ProfileSha256);
            if (model.Conformity is { } c)
            {
                Property(xml, "scheme", c.Scheme + " " + c.Version);
                Property(xml, "scheme.statement", c.Overall);
            }

            Property(xml, "signing-key.sha256", model.Signer.KeyFingerprint);
            foreach (AttestationSubject file in files)
            {
                Property(xml, "file.sha256:" + file.Name, file.Sha256);
            }

            xml.WriteEndElement();
            foreach (PlanResult plan in plans)
            {
                TestCase(xml, plan, device);
            }

            xml.WriteEndElement();
            xml.WriteEndElement();
            xml.WriteEndDocument();
        }

        buffer.WriteByte((byte)'\n');
        return buffer.ToArray();
    }

    private static void TestCase(XmlWriter xml, PlanResult plan, string device)
    {
        xml.WriteStartElement("testcase");
        xml.WriteAttributeString("name", Clean(plan.Id) + ": " + Clean(plan.Title));
        xml.WriteAttributeString("classname", device);
        xml.WriteStartElement("properties");
        Property(xml, "verdict", plan.Verdict);
        foreach (string provision in plan.Provisions ?? [])
        {
            Property(xml, "provision", provision);
        }

        Property(xml, "plan.file", plan.File);
        Property(xml, "plan.sha256", plan.Sha256);
        foreach (InputFile input in plan.Inputs ?? [])
        {
            Property(xml, "input.sha256:" + Clean(input.Name), input.Sha256);
        }

        xml.WriteEndElement();
        string reason = Clean(plan.Reason);
        switch (plan.Verdict)
        {
            case Verdicts.Pass:
                break;
            case Verdicts.Fail:
                Outcome(xml, "failure", "fail", reason);
                break;
            case Verdicts.Inconclusive:
                Outcome(xml, "failure", "inconclusive", reason);
                break;
            case Verdicts.NotApplicable:
                xml.WriteStartElement("skipped");
                xml.WriteAttributeString("message", "not applicable: " + reason);
                xml.WriteEndElement();
                break;
            case Verdicts.Error:
                Outcome(xml, "error", "error", reason);
                break;
            default:
                Outcome(xml, "error", "unknown verdict", Clean(plan.Verdict) + ": " + reason);
                break;
        }

        xml.WriteEndElement();
    }

    private static void Outcome(XmlWriter xml, string element, string type, string reason)
    {
        xml.WriteStartElement(element);
        xml.WriteAttributeString("message", reason);
        xml.WriteAttributeString("type", type);
        xml.WriteString(reason);
        xml.WriteEndElement();
    }

    private static void Totals(XmlWriter xml, string tests, string failures, string errors, string skipped, string seconds)
    {
        xml.WriteAttributeString("tests", tests);
        xml.WriteAttributeString("failures", failures);
        xml.WriteAttributeString("errors", errors);
        xml.WriteAttributeString("skipped", skipped);
        xml.WriteAttributeString("time", seconds);
    }

    private static void Property(XmlWriter xml, string name, string? value)
    {
        xml.WriteStartElement("property");
        xml.WriteAttributeString("name", Clean(name));
        xml.WriteAttributeString("value", Clean(value));
        xml.WriteEndElement();
    }

    private static string Count(long n) => n.ToString(CultureInfo.InvariantCulture);

    /// <summary>
    /// Reasons may quote the device: controls and bidi overrides are made visible as in the
    /// report, and whatever XML 1.0 cannot carry becomes U+FFFD instead of breaking the file.
    /// </summary>
    private static string Clean(string? text)
    {
        string shown = DeviceText.Show(text, MaxFieldChars) ?? "";
        var sb = new StringBuilder(shown.Length);
        for (int i = 0; i < shown.Length; i++)
        {
            char c = shown[i];
            if (char.IsHighSurrogate(c) && i + 1 < shown.Length && char.IsLowSurrogate(shown[i + 1]))
            {
                sb.Append(c).Append(shown[++i]);
            }
            else
            {
                sb.Append(XmlConvert.IsXmlChar(c) ? c : '\uFFFD');
            }
        }

        return sb.ToString();
    }
}
