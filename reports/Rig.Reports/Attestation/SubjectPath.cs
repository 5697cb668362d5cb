namespace Rig.Reports.Attestation;

/// <summary>
/// Subject names are paths relative to the report folder, "/" separated. A name that could
/// reach outside the folder (absolute, "..", backslashes, empty parts) is refused, both when
/// writing and when a verifier reads a statement it does not yet trust.
/// </summary>
internal static class SubjectPath
{
    private const int MaxNameChars = 1024;

    /// <summary>The full path of <paramref name="name"/> inside <paramref name="directory"/>, or null with the reason.</summary>
    public static string? Resolve(string directory, string name, out string problem)
    {
        problem = "";
        if (string.IsNullOrEmpty(name) || name.Length > MaxNameChars)
        {
            problem = "a subject name must be 1 to 1024 characters";
            return null;
        }

        if (name.StartsWith('/') || name.Contains('\\') || name.Any(char.IsControl) ||
            name.Split('/').Any(part => part is "" or "." or ".."))
        {
            problem = "a subject name must be a plain relative path inside the report folder";
            return null;
        }

        string root = Path.GetFullPath(directory);
        string full = Path.GetFullPath(Path.Combine(root, name));
        if (!full.StartsWith(Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            problem = "a subject name must stay inside the report folder";
            return null;
        }

        return full;
    }
}
