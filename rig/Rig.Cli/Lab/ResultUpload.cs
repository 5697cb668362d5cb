using NATS.Client.ObjectStore;

namespace Rig.Cli.Lab;

/// <summary>The signed result folder of a job, file by file, in the lab's object store (JOB/PATH) of its bench's store, and back.</summary>
internal static class ResultUpload
{
    public static async Task<int> PutAsync(INatsObjStore store, string job, string folder, CancellationToken ct)
    {
        int count = 0;
        foreach (string file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            string relative = Path.GetRelativePath(folder, file).Replace('\\', '/');
            await using FileStream stream = File.OpenRead(file);
            await store.PutAsync($"{job}/{relative}", stream, cancellationToken: ct).ConfigureAwait(false);
            count++;
        }

        return count;
    }

    /// <summary>Writes every file of the job into <paramref name="outDir"/>; refuses names that would leave it.</summary>
    public static async Task<int> GetAsync(INatsObjStore store, string job, string outDir, CancellationToken ct)
    {
        string root = Path.GetFullPath(outDir);
        int count = 0;
        await foreach (var info in store.ListAsync(cancellationToken: ct).ConfigureAwait(false))
        {
            if (!info.Name.StartsWith(job + "/", StringComparison.Ordinal) || info.Deleted)
            {
                continue;
            }

            string target = Path.GetFullPath(Path.Combine(root, info.Name[(job.Length + 1)..]));
            if (!target.StartsWith(root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
            {
                throw new InvalidDataException($"result {info.Name}: its name leaves the folder");
            }

            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            await using (FileStream stream = File.Create(target))
            {
                await store.GetAsync(info.Name, stream, cancellationToken: ct).ConfigureAwait(false);
            }

            count++;
        }

        return count;
    }
}
