namespace Rig.Engine.Vulnerabilities;

/// <summary>
/// Debian's version order, as dpkg compares (lib/dpkg/version.c): [epoch:]upstream[-revision];
/// epochs numerically, then upstream and revision with verrevcmp: non-digit runs character by
/// character (~ before the end, the end before letters, letters before other characters), digit
/// runs numerically. A missing epoch is 0 and a missing revision is empty ("1.0" equals "1.0-0").
/// </summary>
public static class DpkgVersion
{
    public static int Compare(string a, string b)
    {
        (long ea, string ua, string ra) = Split(a);
        (long eb, string ub, string rb) = Split(b);
        if (ea != eb)
        {
            return ea < eb ? -1 : 1;
        }

        int c = VerRevCmp(ua, ub);
        return c != 0 ? c : VerRevCmp(ra, rb);
    }

    private static (long Epoch, string Upstream, string Revision) Split(string v)
    {
        v = v.Trim();
        long epoch = 0;
        int colon = v.IndexOf(':', StringComparison.Ordinal);
        if (colon > 0 && long.TryParse(v.AsSpan(0, colon), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out long e))
        {
            epoch = e;
            v = v[(colon + 1)..];
        }

        int dash = v.LastIndexOf('-');
        return dash >= 0 ? (epoch, v[..dash], v[(dash + 1)..]) : (epoch, v, "");
    }

    private static int Order(char c) => c switch
    {
        '\0' => 0,
        '~' => -1,
        _ when char.IsAsciiDigit(c) => 0,
        _ when char.IsAsciiLetter(c) => c,
        _ => c + 256,
    };

    private static int VerRevCmp(string a, string b)
    {
        int i = 0, j = 0;
        char At(string s, int k) => k < s.Length ? s[k] : '\0';
        while (i < a.Length || j < b.Length)
        {
            int firstDiff = 0;
            while ((i < a.Length && !char.IsAsciiDigit(a[i])) || (j < b.Length && !char.IsAsciiDigit(b[j])))
            {
                int ac = Order(At(a, i)), bc = Order(At(b, j));
                if (ac != bc)
                {
                    return ac < bc ? -1 : 1;
                }

                i++;
                j++;
            }

            while (At(a, i) == '0')
            {
                i++;
            }

            while (At(b, j) == '0')
            {
                j++;
            }

            while (char.IsAsciiDigit(At(a, i)) && char.IsAsciiDigit(At(b, j)))
            {
                if (firstDiff == 0)
                {
                    firstDiff = a[i] - b[j];
                }

                i++;
                j++;
            }

            if (char.IsAsciiDigit(At(a, i)))
            {
                return 1;
            }

            if (char.IsAsciiDigit(At(b, j)))
            {
                return -1;
            }

            if (firstDiff != 0)
            {
                return firstDiff < 0 ? -1 : 1;
            }
        }

        return 0;
    }
}
