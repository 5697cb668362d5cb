using Rig.Cli.Terminal;
using Rig.Engine.Journal;
using Rig.Engine.Schemes;
using Rig.Reports.Certificates;

namespace Rig.Cli.Commands;

/// <summary>The ladder's lines under a slot's results: the level reached and why not the next, each level's outcome, the certificate if one was written.</summary>
internal static class LadderLines
{
    public static void Print(LadderResult ladder, LadderResultEvent? decision, string outDir)
    {
        Console.WriteLine($"  {ladder.Scheme.Title}: {(ladder.Highest is { } h ? "LEVEL " + h.Id : "NO LEVEL MET")}");
        foreach (LevelResult l in ladder.Levels)
        {
            Console.WriteLine($"    {l.Level.Id,-12} {l.Outcome.ToUpperInvariant(),-15} {l.Level.DeskReview.Count} left to desk review");
        }

        Console.WriteLine($"    {Inert.Line(ladder.Statement)}");
        string certificate = Path.Combine(outDir, CertificateRenderer.FileName);
        Console.WriteLine(File.Exists(certificate) && decision?.Certificate is { } c
            ? $"    certificate: {certificate}, valid until {c.ValidUntil} ({Inert.Line(c.Why)})"
            : $"    no certificate: {Inert.Line(decision?.NoCertificate ?? "none was written")}");
    }
}
