using System.Text.RegularExpressions;

namespace Rig.Expect;

/// <summary>
/// A pattern compiled the first time it is needed. The built-in death patterns are about 35
/// linear-time (NonBacktracking) regexes, whose construction was three quarters of a rig's
/// start-up CPU and most of its memory at "ready"; behind their signatures (PatternSignatures)
/// most never run in a session, since a device prints one family's banners at most.
/// Thread-safe: compiled once, by whichever caller needs it first.
/// </summary>
public sealed class DeferredRegex
{
    private Regex? _regex;

    /// <summary>A pattern to compile with <paramref name="options"/> when first needed.</summary>
    public DeferredRegex(string source, RegexOptions options)
    {
        Source = source;
        Options = options;
        Reach = (options & RegexOptions.IgnorePatternWhitespace) != 0 ? null : PatternReach.Parse(source);
    }

    /// <summary>A pattern compiled already (a plan's own, checked when the plan loads).</summary>
    public DeferredRegex(Regex compiled)
    {
        _regex = compiled;
        Source = compiled.ToString();
        Options = compiled.Options;
        Reach = PatternReach.Of(compiled);
    }

    public string Source { get; }

    public RegexOptions Options { get; }

    /// <summary>True when it runs on the linear-time engine, known without compiling it.</summary>
    public bool Linear => (Options & RegexOptions.NonBacktracking) != 0;

    /// <summary>The most characters a match can span (PatternReach), known without compiling it; null when unbounded.</summary>
    public int? Reach { get; }

    /// <summary>The compiled pattern, compiled now if nothing needed it yet.</summary>
    public Regex Regex
    {
        get
        {
            if (Volatile.Read(ref _regex) is { } r)
            {
                return r;
            }

            var regex = new Regex(Source, Options);
            return Interlocked.CompareExchange(ref _regex, regex, null) ?? regex;
        }
    }

    /// <summary>True once compiled (for tests and diagnostics).</summary>
    public bool IsCompiled => Volatile.Read(ref _regex) is not null;

    public override string ToString() => Source;
}
