using Rig.Engine.Runs;

namespace Rig.Cli.Commands;

/// <summary>Checks made after every input is read and before any device is powered: where results go, and the profile's files.</summary>
internal static class Preflight
{
    /// <summary>Creates the output folder and proves rig can write in it; a file, or a folder rig cannot write, is refused by its flag.</summary>
    /// <exception cref="UsageException">Not a folder rig can write.</exception>
    public static string OutFolder(string flag, string path)
    {
        string full = NotAFile(flag, path);

        string probe = Path.Combine(full, $".rig-write-check-{Environment.ProcessId}");
        try
        {
            Directory.CreateDirectory(full);
            using (File.Create(probe, 1, FileOptions.DeleteOnClose))
            {
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new UsageException($"{flag} {path}: cannot write there ({e.Message})");
        }

        return full;
    }

    /// <summary>Refuses a results folder that is a file, before anything (a slot's lock included) is made.</summary>
    public static string NotAFile(string flag, string path)
    {
        string full = Path.GetFullPath(path);
        if (File.Exists(full) || (Path.Exists(full) && !Directory.Exists(full)))
        {
            throw new UsageException($"{flag} {path}: is a file, not a folder; give a folder for the results");
        }

        return full;
    }

    /// <summary>Refuses a results folder that holds a run already: a journal belongs to one run, and a second would mix their evidence.</summary>
    public static string NoEarlierRun(string flag, string full)
    {
        if (File.Exists(Path.Combine(full, SlotCertification.JournalFile)))
        {
            throw new UsageException($"{flag} {full} already holds a run ({SlotCertification.JournalFile}); give each run its own results folder");
        }

        return full;
    }

    /// <summary>Refuses a needed profile file that is the lab key, a private key, or not a firmware image.</summary>
    public static void ProfileFiles(IEnumerable<CertificationRequest> requests, string? labKeyPath)
    {
        foreach (CertificationRequest r in requests)
        {
            Rig.Engine.Runs.ProfileFiles.Check(r, labKeyPath);
        }
    }
}
