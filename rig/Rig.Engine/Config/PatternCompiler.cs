using System.Text.RegularExpressions;

namespace Rig.Engine.Config;

/// <summary>Compiles plan patterns so hostile device output cannot make matching explode.</summary>
public static class PatternCompiler
{
    /// <summary>Backtracking is used only when a pattern needs it (lookarounds, back-references), and then with a time limit.</summary>
    public static readonly TimeSpan BacktrackingLimit = TimeSpan.FromMilliseconds(250);

    /// <summary>True for a pattern on the linear-time engine: no input can make it slow.</summary>
    public static bool IsLinear(Regex pattern) => (pattern.Options & RegexOptions.NonBacktracking) != 0;

    /// <summary>Linear time whatever the input: the device under test is an adversary.</summary>
    public const RegexOptions LinearOptions = RegexOptions.NonBacktracking | RegexOptions.CultureInvariant;

    public static Regex Compile(string source, Func<string, Exception> error)
    {
        try
        {
            return new Regex(source, LinearOptions);
        }
        catch (NotSupportedException)
        {
            try
            {
                return new Regex(source, RegexOptions.CultureInvariant, BacktrackingLimit);
            }
            catch (ArgumentException e)
            {
                throw error($"bad pattern: {e.Message}");
            }
        }
        catch (ArgumentException e)
        {
            throw error($"bad pattern: {e.Message}");
        }
    }
}
