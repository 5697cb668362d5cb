using System.Diagnostics;

namespace Rig.Tests;

/// <summary>Runs the real openssl command, the tool a third party verifies reports with.</summary>
internal static class OpenSsl
{
    public sealed record Result(int ExitCode, byte[] Stdout, string Stderr)
    {
        public string StdoutText => System.Text.Encoding.UTF8.GetString(Stdout);
    }

    public static Result Run(params string[] args)
    {
        var start = new ProcessStartInfo("openssl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (string arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using Process process = Process.Start(start) ?? throw new InvalidOperationException("openssl did not start");
        process.StandardInput.Close();
        var stdout = new MemoryStream();
        Task copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        Task<string> stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromSeconds(60)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"openssl {string.Join(' ', args)} did not finish in 60 s");
        }

        Task.WaitAll(copy, stderr);
        return new Result(process.ExitCode, stdout.ToArray(), stderr.Result);
    }
}
