namespace Rig.Cli.Lab;

/// <summary>What an agent runs its jobs with: its bench file, the lab key's path (the key stays in its file), where result folders go.</summary>
internal sealed record AgentSetup(string Bench, string BenchFile, string Agent, string WorkDir, string KeyPath, string? PassphraseEnv, string? StateRoot)
{
    /// <summary>The command line of <c>rig certify</c> for one job, exactly as a person on the Pi would type it.</summary>
    public List<string> CertifyArgs(JobRecord job, string outDir)
    {
        List<string> args = ["certify", "--bench", BenchFile, "--slot", job.Slot, "--profile", job.Profile, "--out", outDir, "--key", KeyPath];
        if (job.Scheme is { } scheme)
        {
            args.AddRange(["--scheme", scheme]);
        }

        foreach (string plan in job.Plans)
        {
            args.AddRange(["--plan", plan]);
        }

        if (job.Serial is { } serial)
        {
            args.AddRange(["--serial", serial]);
        }

        if (PassphraseEnv is { } env)
        {
            args.AddRange(["--passphrase-env", env]);
        }

        if (StateRoot is { } root)
        {
            args.AddRange(["--state-root", root]);
        }

        return args;
    }
}
