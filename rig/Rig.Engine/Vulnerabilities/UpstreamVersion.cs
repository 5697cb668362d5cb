namespace Rig.Engine.Vulnerabilities;

/// <summary>
/// The order of upstream release numbers (the Linux kernel, BusyBox, Dropbear, OpenSSH, OpenSSL,
/// lighttpd): the version is cut into digit runs and letter runs (".", "-", "_", "+" only
/// separate). Digit runs compare as numbers, letter runs as text ("1.0.2z" &lt; "1.0.2za").
/// Where one version runs out: a missing number counts as 0 ("4.5" = "4.5.0"); a pre-release word
/// (alpha, beta, pre, rc, dev) makes the longer one older ("5.10-rc3" &lt; "5.10"); any other
/// letters make it newer ("7.4" &lt; "7.4p1", "1.0.2" &lt; "1.0.2a"). A pre-release word also sorts
/// before a number in the same place.
/// </summary>
public static class UpstreamVersion
{
    private static readonly string[] PreRelease = ["alpha", "beta", "pre", "rc", "dev"];

    public static int Compare(string a, string b)
    {
        List<string> ta = Tokens(a), tb = Tokens(b);
        for (int k = 0; k < Math.Max(ta.Count, tb.Count); k++)
        {
            string? x = k < ta.Count ? ta[k] : null;
            string? y = k < tb.Count ? tb[k] : null;
            int c = CompareToken(x, y);
            if (c != 0)
            {
                return c;
            }
        }

        return 0;
    }

    private static int CompareToken(string? x, string? y)
    {
        if (x is null)
        {
            return -CompareToken(y, x);
        }

        bool xNum = char.IsAsciiDigit(x[0]);
        if (y is null)
        {
            // x is the extra part of the longer version.
            return xNum ? (x.TrimStart('0').Length == 0 ? 0 : 1) : IsPre(x) ? -1 : 1;
        }

        bool yNum = char.IsAsciiDigit(y[0]);
        if (xNum && yNum)
        {
            string p = x.TrimStart('0'), q = y.TrimStart('0');
            return p.Length != q.Length ? p.Length.CompareTo(q.Length) : Math.Sign(string.CompareOrdinal(p, q));
        }

        if (xNum != yNum)
        {
            // a number against letters: pre-release words and other letters both sort before it
            return xNum ? 1 : -1;
        }

        if (IsPre(x) != IsPre(y))
        {
            return IsPre(x) ? -1 : 1;
        }

        return Math.Sign(string.CompareOrdinal(x, y));
    }

    private static bool IsPre(string token) => PreRelease.Contains(token);

    private static List<string> Tokens(string v)
    {
        var tokens = new List<string>();
        int i = 0;
        string s = v.Trim().ToLowerInvariant();
        while (i < s.Length)
        {
            int start = i;
            if (char.IsAsciiDigit(s[i]))
            {
                while (i < s.Length && char.IsAsciiDigit(s[i]))
                {
                    i++;
                }
            }
            else if (char.IsAsciiLetter(s[i]))
            {
                while (i < s.Length && char.IsAsciiLetter(s[i]))
                {
                    i++;
                }
            }
            else
            {
                i++;
                continue; // a separator
            }

            tokens.Add(s[start..i]);
        }

        return tokens;
    }
}
