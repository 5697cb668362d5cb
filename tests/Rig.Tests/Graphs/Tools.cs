using System.Diagnostics;
using System.Text.Json;
using System.Xml.Linq;

namespace Rig.Tests.Graphs;

/// <summary>The real tools a reader draws plans with: Graphviz's dot, and Mermaid's own parser under Node.</summary>
internal static class Tools
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>The repository's root (the folder with Rig.sln), found above the test assembly.</summary>
    public static string RepoRoot { get; } = FindRoot();

    /// <summary>Where scripts/install-test-deps.sh installs mermaid and jsdom.</summary>
    public static string NpmDir => Path.Combine(RepoRoot, "out", "npm");

    public sealed record Result(int Exit, string Stdout, string Stderr);

    /// <summary>Renders DOT text to SVG with <c>dot -Tsvg</c>.</summary>
    public static Result Dot(string dot)
    {
        if (!OnPath("dot"))
        {
            Assert.Fail("Graphviz's dot is not installed: run scripts/install-test-deps.sh");
        }

        return Run("dot", ["-Tsvg"], dot, null);
    }

    /// <summary>Every line of text in an SVG that dot drew (dot keeps runs of spaces as no-break spaces).</summary>
    public static List<string> SvgTexts(string svg)
    {
        XNamespace ns = "http://www.w3.org/2000/svg";
        return [.. XDocument.Parse(svg).Descendants(ns + "text").Select(t => t.Value.Replace('\u00A0', ' '))];
    }

    /// <summary>Parses a Mermaid diagram with Mermaid's parser; returns what it understood (see mermaid/parse.mjs).</summary>
    public static JsonElement Mermaid(string diagram)
    {
        if (!Directory.Exists(Path.Combine(NpmDir, "node_modules", "mermaid")) || !OnPath("node"))
        {
            Assert.Fail("Mermaid's parser is not installed in out/npm: run scripts/install-test-deps.sh");
        }

        using var dir = new TempDir();
        string file = dir.Write("diagram.mmd", diagram);
        string script = File.ReadAllText(Path.Combine(RepoRoot, "tests", "Rig.Tests", "Graphs", "mermaid", "parse.mjs"));
        Result r = Run("node", ["--input-type=module", "--eval", script, file], null, NpmDir);
        Assert.That(r.Exit, Is.Zero, $"Mermaid refused the diagram: {r.Stderr}\n{diagram}");
        return JsonDocument.Parse(r.Stdout).RootElement.Clone();
    }

    public static Result Run(string program, IEnumerable<string> args, string? stdin, string? cwd)
    {
        var start = new ProcessStartInfo(program)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = cwd ?? Environment.CurrentDirectory,
        };
        foreach (string a in args)
        {
            start.ArgumentList.Add(a);
        }

        using Process p = Process.Start(start)!;
        Task<string> stdout = p.StandardOutput.ReadToEndAsync();
        Task<string> stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null)
        {
            p.StandardInput.Write(stdin);
        }

        p.StandardInput.Close();
        if (!p.WaitForExit(Limit))
        {
            p.Kill(entireProcessTree: true);
            p.WaitForExit();
            Assert.Fail($"{program} did not finish within {Limit}");
        }

        return new Result(p.ExitCode, stdout.Result, stderr.Result);
    }

    private static bool OnPath(string program) =>
        (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(':').Any(d => File.Exists(Path.Combine(d, program)));

    private static string FindRoot()
    {
        for (string? dir = AppContext.BaseDirectory; dir is not null; dir = Path.GetDirectoryName(dir))
        {
            if (File.Exists(Path.Combine(dir, "Rig.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException($"no Rig.sln above {AppContext.BaseDirectory}");
    }
}
