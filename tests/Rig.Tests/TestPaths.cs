namespace Rig.Tests;

/// <summary>Where the shipped data lands next to the test assembly, and scratch folders that clean up after themselves.</summary>
internal static class TestPaths
{
    public static string TestPlans => Path.Combine(AppContext.BaseDirectory, "testplans");

    public static string Plan(string id) => Path.Combine(TestPlans, "plans", id + ".yaml");

    public static string Profile(string name) => Path.Combine(TestPlans, "profiles", name + ".yaml");

    public static string Bench(string name) => Path.Combine(TestPlans, "benches", name + ".yaml");

    /// <summary>The shipped firmware images and manufacturer key, which only shipped profiles may name from outside their folder.</summary>
    public static string Firmware => Path.Combine(TestPlans, "firmware");

    /// <summary>
    /// A shipped profile's text for a copy elsewhere: its images and keys are named in a firmware/
    /// folder beside it (a profile's paths stay in its folder); write it with <see cref="TempDir.WriteProfile"/>.
    /// </summary>
    public static string ProfileText(string name) =>
        File.ReadAllText(Profile(name)).Replace("../firmware/", "firmware/", StringComparison.Ordinal);
}

/// <summary>A temporary folder deleted on dispose.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = Directory.CreateTempSubdirectory("rig-test-").FullName;
    }

    public string Path { get; }

    public string File(string name) => System.IO.Path.Combine(Path, name);

    public string this[string name] => File(name);

    /// <summary>Writes a profile from <see cref="TestPaths.ProfileText"/> and copies the public firmware files it names beside it.</summary>
    public string WriteProfile(string name, string text)
    {
        string profile = Write(name, text);
        string firmware = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(profile)!, "firmware");
        Directory.CreateDirectory(firmware);
        foreach (string f in Directory.EnumerateFiles(TestPaths.Firmware).Where(f => f.EndsWith(".img", StringComparison.Ordinal) || f.EndsWith(".pub.pem", StringComparison.Ordinal)))
        {
            System.IO.File.Copy(f, System.IO.Path.Combine(firmware, System.IO.Path.GetFileName(f)), overwrite: true);
        }

        return profile;
    }

    /// <summary>Points <paramref name="link"/> at <paramref name="target"/> atomically (rename over), as udev or an emulator would.</summary>
    public void PointLink(string link, string target)
    {
        string temp = link + ".new";
        System.IO.File.CreateSymbolicLink(temp, target);
        System.IO.File.Move(temp, link, overwrite: true);
    }

    public string Write(string name, string text)
    {
        string p = File(name);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(p)!);
        System.IO.File.WriteAllText(p, text);
        return p;
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a process under test may still hold a file; the OS temp cleaner gets it
        }
    }
}
