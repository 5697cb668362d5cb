using System.Buffers;

namespace Rig.Expect;

/// <summary>
/// Literals that every match of some patterns must contain (a "signature" each, any letter case),
/// searched for all of them in one vectorised pass: when none is in the text, those patterns are
/// not run. The death patterns are scanned over every byte of every run, and a case-insensitive
/// regex walks the text a character at a time; this pass does not.
/// </summary>
public sealed class PatternSignatures
{
    private readonly bool[] _covered;
    private readonly string[][] _each;
    private readonly SearchValues<string>?[] _eachSearch; // made on a pattern's first check: most are never checked
    private readonly SearchValues<string>? _literals;

    /// <param name="signatures">Per pattern, in scan order: literals one of which every match contains, or null for a pattern without.</param>
    public PatternSignatures(IReadOnlyList<IReadOnlyList<string>?> signatures)
    {
        _covered = signatures.Select(s => s is { Count: > 0 }).ToArray();
        _each = signatures.Select(s => s is { Count: > 0 } ? s.Distinct(StringComparer.OrdinalIgnoreCase).ToArray() : []).ToArray();
        _eachSearch = new SearchValues<string>?[_each.Length];
        string[] all = signatures.Where(s => s is { Count: > 0 }).SelectMany(s => s!).Distinct(StringComparer.OrdinalIgnoreCase).ToArray();
        if (all.Any(string.IsNullOrEmpty))
        {
            throw new ArgumentException("a signature literal is empty", nameof(signatures));
        }

        _literals = all.Length > 0 ? SearchValues.Create(all, StringComparison.OrdinalIgnoreCase) : null;
    }

    /// <summary>True when the pattern at <paramref name="index"/> has a signature (and can be skipped when it is absent).</summary>
    public bool Covers(int index) => index < _covered.Length && _covered[index];

    /// <summary>True when some signature occurs in <paramref name="text"/>.</summary>
    public bool AnyIn(ReadOnlySpan<char> text) => _literals is not null && text.ContainsAny(_literals);

    /// <summary>
    /// True when a literal of the pattern at <paramref name="index"/> occurs in <paramref name="text"/>
    /// (asked only after <see cref="AnyIn"/> found one: a banner or a crash line, rarely).
    /// </summary>
    public bool In(int index, ReadOnlySpan<char> text)
    {
        // One vectorised pass per pattern: a Contains(literal, OrdinalIgnoreCase) per literal walked the
        // text a character at a time in a native build (6.7 CPU s per 64 MiB of a stream full of them).
        SearchValues<string>? literals = Volatile.Read(ref _eachSearch[index]);
        if (literals is null)
        {
            if (_each[index].Length == 0)
            {
                return false;
            }

            literals = SearchValues.Create(_each[index], StringComparison.OrdinalIgnoreCase);
            Volatile.Write(ref _eachSearch[index], literals); // a race makes two equal ones: harmless
        }

        return text.ContainsAny(literals);
    }
}
