namespace Rig.Tests.Serial;

/// <summary>A fresh directory under the system temp folder, removed with everything in it.</summary>
internal sealed class TempDir : IDisposable
{
    public TempDir()
    {
        Path = Directory.CreateTempSubdirectory("rig-serial-test-").FullName;
    }

    public string Path { get; }

    public string this[string name] => System.IO.Path.Combine(Path, name);

    /// <summary>Points <paramref name="link"/> at <paramref name="target"/> atomically (rename over), as udev or an emulator would.</summary>
    public void PointLink(string link, string target)
    {
        string temp = link + ".new";
        File.CreateSymbolicLink(temp, target);
        File.Move(temp, link, overwrite: true);
    }

    public void Dispose() => Directory.Delete(Path, recursive: true);
}
