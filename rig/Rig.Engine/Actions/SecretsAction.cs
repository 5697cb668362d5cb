using Rig.Engine.Journal;
using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>secrets: { since: power-on }</c>: reads back everything the console printed since the last
/// power-on command was issued (or since the run began) and looks for secrets: the catalog's
/// patterns and the canary values the lab planted. Ends with found or none.
/// </summary>
public sealed class SecretsAction(string since) : IPlanAction
{
    public static readonly string[] Sinces = ["power-on", "run"];

    /// <summary>Matches kept as evidence at most: a device that prints its key in a loop is one finding.</summary>
    public const int MaxFindings = 20;

    public string Kind => "secrets";

    public string Describe => $"secrets in the console since {since}";

    public IReadOnlyList<string> Results => ["found", "none"];

    public IReadOnlyList<string> Sets => ["found", "first", "kinds", "scanned"];

    public Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        long from = since == "run" ? 0 : context.PowerOnOffset();
        IReadOnlyList<string> canaries = Canaries(context);
        var findings = new List<(long Offset, string Kind, string Line, string Shown)>();
        long scanned = 0;
        if (File.Exists(context.ConsoleLogPath))
        {
            foreach ((long offset, string line) in ConsoleLines.Read(context.ConsoleLogPath, from))
            {
                ct.ThrowIfCancellationRequested();
                scanned += line.Length;
                if (findings.Count < MaxFindings && Match(line, canaries) is { } hit)
                {
                    findings.Add((offset, hit.Kind, line, hit.Shown));
                }
            }
        }

        context.Journal.Append(new SecretsEvent(context.PlanId, from, findings.Count));
        foreach (var f in findings)
        {
            string title = $"console line at byte {Num(f.Offset)} of {Runs.SlotCertification.ConsoleLogFile}: {f.Kind}";
            context.AddEvidence(new EvidenceTranscript(title, [new TranscriptLine(0, false, Encoding.Latin1.GetBytes(f.Line))]));
        }

        var vars = new Dictionary<string, string>
        {
            ["found"] = Num(findings.Count),
            ["first"] = findings.Count == 0 ? "none" : $"byte {Num(findings[0].Offset)}: {findings[0].Shown}",
            ["kinds"] = findings.Count == 0 ? "none" : string.Join(", ", findings.Select(f => f.Kind).Distinct()),
            ["scanned"] = Num(scanned),
        };
        return Task.FromResult(new ActionResult(findings.Count > 0 ? "found" : "none", vars));
    }

    /// <summary>The first secret on the line: canaries first (they are certain), then the patterns.</summary>
    internal static (string Kind, string Shown)? Match(string line, IReadOnlyList<string> canaries)
    {
        foreach (string canary in canaries)
        {
            int at = line.IndexOf(canary, StringComparison.Ordinal);
            if (at >= 0)
            {
                return ("planted canary", Shorten(line[..at] + SecretPatterns.Redact(canary) + line[(at + canary.Length)..]));
            }
        }

        foreach (SecretPatterns.Kind kind in SecretPatterns.Builtin)
        {
            Match m;
            try
            {
                m = kind.Pattern.Match(line);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            if (m.Success)
            {
                Group g = m.Groups["secret"];
                string shown = g.Success ? line[..g.Index] + SecretPatterns.Redact(g.Value) + line[(g.Index + g.Length)..] : line;
                return (kind.Name, Shorten(shown));
            }
        }

        return null;
    }

    /// <summary>The canaries the profile declares and those the lab's record of this unit holds.</summary>
    private static IReadOnlyList<string> Canaries(ActionContext context) => [.. context.Profile.Canaries, .. context.Unit.Canaries];

    private static string Shorten(string s)
    {
        string printable = new(s.Select(c => c is >= ' ' and < '\x7f' ? c : '?').ToArray());
        return printable.Length > 160 ? printable[..160] + "..." : printable;
    }

    private static string Num(long n) => n.ToString(CultureInfo.InvariantCulture);
}
