using System.Collections;
using System.Text.RegularExpressions;

namespace Rig.Expect;

/// <summary>
/// Patterns for <see cref="ExpectBuffer.Scan"/> that are compiled only when a scan runs them: with
/// signatures, a pattern whose literals are not in the new text is never run, so never compiled.
/// </summary>
public sealed class DeferredPatterns(IReadOnlyList<DeferredRegex> patterns) : IReadOnlyList<Regex>
{
    private readonly DeferredRegex[] _patterns = [.. patterns];

    /// <summary>The widest reach of any of them, known without compiling; null when one is unbounded.</summary>
    public int? Reach { get; } = patterns.Aggregate((int?)0, (reach, p) => reach is { } r && p.Reach is { } q ? Math.Max(r, q) : null);

    public int Count => _patterns.Length;

    public Regex this[int index] => _patterns[index].Regex;

    public IEnumerator<Regex> GetEnumerator() => _patterns.Select(p => p.Regex).GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
