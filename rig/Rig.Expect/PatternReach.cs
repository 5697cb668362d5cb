using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;

namespace Rig.Expect;

/// <summary>
/// The longest text a pattern can match, read from its source: how far back a scan must look for
/// a match that straddles old and new output. A console at 115200 baud delivers a few dozen bytes
/// at a time; re-scanning a fixed 4 KiB look-back for each would cost a hundred times the data.
/// </summary>
/// <remarks>
/// Conservative: anything it does not understand (unbounded repeats, back-references, the x
/// option) counts as unbounded, and the scan then uses its full look-back. Look-behinds add their
/// own reach, since they read text before the match.
/// </remarks>
public static class PatternReach
{
    private static readonly ConditionalWeakTable<Regex, StrongBox<int?>> Cache = [];

    /// <summary>The most characters a match (with what its look-behinds read) can span; null when unbounded.</summary>
    public static int? Of(Regex pattern) =>
        Cache.GetValue(pattern, static r => new StrongBox<int?>(
            (r.Options & RegexOptions.IgnorePatternWhitespace) != 0 ? null : Parse(r.ToString()))).Value;

    /// <summary>Parses the source; null when unbounded or not understood.</summary>
    public static int? Parse(string source)
    {
        try
        {
            var parser = new Parser(source);
            long width = parser.Alternation();
            return parser.AtEnd && width < int.MaxValue ? (int)width : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    private sealed class Parser(string s)
    {
        private const long Unbounded = int.MaxValue;
        private int _i;

        public bool AtEnd => _i == s.Length;

        /// <summary>alternatives separated by '|': the widest.</summary>
        public long Alternation()
        {
            long widest = Sequence();
            while (_i < s.Length && s[_i] == '|')
            {
                _i++;
                widest = Math.Max(widest, Sequence());
            }

            return widest;
        }

        private long Sequence()
        {
            long total = 0;
            while (_i < s.Length && s[_i] != '|' && s[_i] != ')')
            {
                total = Add(total, Quantified(Atom()));
            }

            return total;
        }

        private long Atom()
        {
            char c = s[_i++];
            switch (c)
            {
                case '^' or '$':
                    return 0;
                case '[':
                    SkipClass();
                    return 1;
                case '\\':
                    return Escape();
                case '(':
                    return Group();
                case '*' or '+' or '?':
                    throw new FormatException("quantifier without an atom");
                default:
                    return 1;
            }
        }

        private long Group()
        {
            if (Peek('?'))
            {
                _i++;
                if (Peek('#'))
                {
                    int close = s.IndexOf(')', _i);
                    _i = close < 0 ? throw new FormatException("comment") : close + 1;
                    return 0;
                }

                if (Peek('=') || Peek('!'))
                {
                    _i++; // look-ahead
                }
                else if (Peek('<') && _i + 1 < s.Length && (s[_i + 1] == '=' || s[_i + 1] == '!'))
                {
                    _i += 2; // look-behind
                }
                else if (Peek('<') || Peek('\''))
                {
                    char end = s[_i] == '<' ? '>' : '\'';
                    int close = s.IndexOf(end, _i + 1);
                    _i = close < 0 ? throw new FormatException("group name") : close + 1;
                }
                else
                {
                    // Options: (?i) alone, or (?i:...) around a group. The x option changes the syntax: give up.
                    int start = _i;
                    while (_i < s.Length && (char.IsLetter(s[_i]) || s[_i] == '-'))
                    {
                        _i++;
                    }

                    if (s.AsSpan(start, _i - start).Contains('x'))
                    {
                        throw new FormatException("x option");
                    }

                    if (Peek(')'))
                    {
                        _i++;
                        return 0;
                    }

                    if (!Peek(':'))
                    {
                        throw new FormatException("group construct");
                    }

                    _i++;
                }
            }

            long inner = Alternation();
            if (!Peek(')'))
            {
                throw new FormatException("unclosed group");
            }

            _i++;
            // A look-around reads beyond the match (after its end, or before its start): its reach counts in full.
            return inner;
        }

        private long Escape()
        {
            if (_i >= s.Length)
            {
                throw new FormatException("trailing backslash");
            }

            char c = s[_i++];
            switch (c)
            {
                case 'b' or 'B' or 'A' or 'z' or 'Z' or 'G':
                    return 0;
                case 'k' or >= '1' and <= '9':
                    throw new FormatException("back-reference");
                case 'x':
                    _i += 2;
                    return 1;
                case 'u':
                    _i += 4;
                    return 1;
                case 'c':
                    _i += 1;
                    return 1;
                case 'p' or 'P':
                    int close = s.IndexOf('}', _i);
                    _i = close < 0 ? throw new FormatException("category") : close + 1;
                    return 1;
                default:
                    return 1;
            }
        }

        private void SkipClass()
        {
            if (Peek('^'))
            {
                _i++;
            }

            if (Peek(']'))
            {
                _i++; // a leading ] is a literal
            }

            while (_i < s.Length && s[_i] != ']')
            {
                if (s[_i] == '\\')
                {
                    _i++;
                }
                else if (s[_i] == '[' && _i > 0 && s[_i - 1] == '-')
                {
                    _i++;
                    SkipClass(); // subtraction: [a-z-[aeiou]]
                    continue;
                }

                _i++;
            }

            if (_i >= s.Length)
            {
                throw new FormatException("unclosed class");
            }

            _i++;
        }

        private long Quantified(long atom)
        {
            if (_i >= s.Length)
            {
                return atom;
            }

            long times;
            switch (s[_i])
            {
                case '*' or '+':
                    _i++;
                    times = Unbounded;
                    break;
                case '?':
                    _i++;
                    times = 1;
                    break;
                case '{' when Bounds() is { } max:
                    times = max;
                    break;
                default:
                    return atom;
            }

            if (Peek('?'))
            {
                _i++; // lazy: same reach
            }

            return atom == 0 ? 0 : times >= Unbounded ? Unbounded : Math.Min(Unbounded, atom * times);
        }

        /// <summary>{n}, {n,}, {n,m}: the most repeats (unbounded for {n,}); null if the brace is a literal.</summary>
        private long? Bounds()
        {
            int close = s.IndexOf('}', _i);
            if (close < 0)
            {
                return null;
            }

            string[] parts = s[(_i + 1)..close].Split(',');
            if (parts.Length > 2 || !int.TryParse(parts[0], out int min))
            {
                return null;
            }

            long max = min;
            if (parts.Length == 2)
            {
                if (parts[1].Length == 0)
                {
                    max = Unbounded;
                }
                else if (!int.TryParse(parts[1], out int m))
                {
                    return null;
                }
                else
                {
                    max = m;
                }
            }

            _i = close + 1;
            return max;
        }

        private bool Peek(char c) => _i < s.Length && s[_i] == c;

        private static long Add(long a, long b) => Math.Min(Unbounded, a + b);
    }
}
