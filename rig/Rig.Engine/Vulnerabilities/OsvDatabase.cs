using System.IO.Compression;
using System.Security.Cryptography;

namespace Rig.Engine.Vulnerabilities;

/// <summary>
/// An offline vulnerability database in OSV's format, as OSV publishes it: a folder of record
/// files (*.json, searched in subfolders too) or a zip of them (OSV's per-ecosystem all.zip).
/// Records are read one at a time when matched, so a full download needs no more memory than
/// its largest record. Every file is hostile input: sizes and counts are bounded, and a bad one
/// stops the match with one line naming it.
/// </summary>
public sealed class OsvDatabase
{
    /// <summary>Largest record read; OSV's largest are far smaller.</summary>
    public const int MaxRecordBytes = 8 * 1024 * 1024;

    /// <summary>Most records in one database (OSV's largest ecosystem holds a few hundred thousand).</summary>
    public const int MaxRecords = 2_000_000;

    private OsvDatabase(string path, bool zip)
    {
        Path = path;
        IsZip = zip;
    }

    /// <summary>The folder or zip, as given.</summary>
    public string Path { get; }

    public bool IsZip { get; }

    /// <summary>Opens a folder or a .zip; nothing is read yet.</summary>
    /// <exception cref="OsvDatabaseException">Neither a folder nor a readable file.</exception>
    public static OsvDatabase Open(string path)
    {
        if (Directory.Exists(path))
        {
            return new OsvDatabase(path, zip: false);
        }

        if (File.Exists(path) && path.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
        {
            return new OsvDatabase(path, zip: true);
        }

        throw new OsvDatabaseException($"{path}: not a folder of OSV records or a .zip of them");
    }

    /// <summary>Every record, in a stable order (file names sorted).</summary>
    /// <exception cref="OsvDatabaseException">A file that cannot be read, is too large or is not an OSV record.</exception>
    public IEnumerable<OsvRecord> Records() => IsZip ? ZipRecords() : FolderRecords();

    /// <summary>SHA-256 of the database file, or of the sorted list of its files' names and hashes: which data a verdict rests on.</summary>
    public string Digest()
    {
        try
        {
            if (IsZip)
            {
                using FileStream f = File.OpenRead(Path);
                return Convert.ToHexStringLower(SHA256.HashData(f));
            }

            using var all = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
            foreach (string file in JsonFiles())
            {
                using FileStream f = File.OpenRead(file);
                all.AppendData(System.Text.Encoding.UTF8.GetBytes($"{System.IO.Path.GetRelativePath(Path, file)} {Convert.ToHexStringLower(SHA256.HashData(f))}\n"));
            }

            return Convert.ToHexStringLower(all.GetHashAndReset());
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OsvDatabaseException($"{Path}: cannot be read ({e.Message})", e);
        }
    }

    private List<string> JsonFiles()
    {
        var files = Directory.EnumerateFiles(Path, "*.json", SearchOption.AllDirectories).Take(MaxRecords + 1).ToList();
        if (files.Count > MaxRecords)
        {
            throw new OsvDatabaseException($"{Path}: more than {MaxRecords} record files");
        }

        files.Sort(StringComparer.Ordinal);
        return files;
    }

    private IEnumerable<OsvRecord> FolderRecords()
    {
        List<string> files;
        try
        {
            files = JsonFiles();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new OsvDatabaseException($"{Path}: cannot be listed ({e.Message})", e);
        }

        foreach (string file in files)
        {
            byte[] bytes;
            try
            {
                long length = new FileInfo(file).Length;
                if (length > MaxRecordBytes)
                {
                    throw new OsvDatabaseException($"{file}: {length} bytes, more than a record may have ({MaxRecordBytes})");
                }

                bytes = File.ReadAllBytes(file);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                throw new OsvDatabaseException($"{file}: cannot be read ({e.Message})", e);
            }

            yield return OsvRecordReader.Read(bytes, file);
        }
    }

    private IEnumerable<OsvRecord> ZipRecords()
    {
        ZipArchive zip;
        try
        {
            zip = ZipFile.OpenRead(Path);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or UnauthorizedAccessException)
        {
            throw new OsvDatabaseException($"{Path}: not a readable zip ({e.Message})", e);
        }

        using (zip)
        {
            List<ZipArchiveEntry> entries = Entries(zip);
            foreach (ZipArchiveEntry entry in entries)
            {
                string source = $"{Path}!{entry.FullName}";
                yield return OsvRecordReader.Read(ReadEntry(entry, source), source);
            }
        }
    }

    private List<ZipArchiveEntry> Entries(ZipArchive zip)
    {
        try
        {
            if (zip.Entries.Count > MaxRecords)
            {
                throw new OsvDatabaseException($"{Path}: {zip.Entries.Count} entries, more than {MaxRecords}");
            }

            return [.. zip.Entries.Where(e => e.FullName.EndsWith(".json", StringComparison.OrdinalIgnoreCase)).OrderBy(e => e.FullName, StringComparer.Ordinal)];
        }
        catch (InvalidDataException e)
        {
            throw new OsvDatabaseException($"{Path}: its directory is damaged ({e.Message})", e);
        }
    }

    /// <summary>Reads one entry, stopping at the bound whatever size the zip claims for it.</summary>
    private static byte[] ReadEntry(ZipArchiveEntry entry, string source)
    {
        try
        {
            using Stream s = entry.Open();
            using var buffer = new MemoryStream();
            byte[] chunk = new byte[81920];
            int n;
            while ((n = s.Read(chunk)) > 0)
            {
                if (buffer.Length + n > MaxRecordBytes)
                {
                    throw new OsvDatabaseException($"{source}: more than a record may have ({MaxRecordBytes} bytes)");
                }

                buffer.Write(chunk, 0, n);
            }

            return buffer.ToArray();
        }
        catch (Exception e) when (e is IOException or InvalidDataException)
        {
            throw new OsvDatabaseException($"{source}: cannot be unpacked ({e.Message})", e);
        }
    }
}
