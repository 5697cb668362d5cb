using System.ComponentModel;
using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Rig.Protocols.Processes;

namespace Rig.Protocols.Net;

/// <summary>
/// Password logins through the system's OpenSSH client, one child process per attempt. The password
/// reaches ssh through SSH_ASKPASS (a two-line script in a private folder that prints a variable of
/// the child's environment), never on a command line. A login counts only when the exec'd
/// <c>echo NONCE</c> comes back. Each child runs in a process group of its own, bounded in time and
/// in output, and is killed with its group on timeout or cancellation.
/// </summary>
public sealed partial class OpenSshClient : IDisposable
{
    public const string Program = "ssh";
    public const int OutputLimit = 64 * 1024;
    private const string PasswordVariable = "RIG_SSH_PASSWORD";

    private readonly string _ssh;
    private readonly DirectoryInfo _private;
    private readonly string _askPass;

    private OpenSshClient(string ssh)
    {
        _ssh = ssh;
        _private = Directory.CreateTempSubdirectory("rig-ssh-"); // mode 0700
        _askPass = Path.Combine(_private.FullName, "askpass");
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;
        }

        using (var script = new StreamWriter(_askPass, Encoding.ASCII, options))
        {
            script.Write($"#!/bin/sh\nprintf '%s\\n' \"${PasswordVariable}\"\n");
        }
    }

    /// <summary>The client found on <paramref name="pathVariable"/> (a PATH value), or null when ssh is not installed.</summary>
    public static OpenSshClient? Find(string? pathVariable)
    {
        foreach (string dir in (pathVariable ?? "").Split(':', StringSplitOptions.RemoveEmptyEntries))
        {
            string candidate = Path.Combine(dir, Program);
            if (File.Exists(candidate) && !OperatingSystem.IsWindows() && (File.GetUnixFileMode(candidate) & UnixFileMode.UserExecute) != 0)
            {
                return new OpenSshClient(candidate);
            }
        }

        return null;
    }

    /// <summary>The ssh arguments for one attempt; the password is not among them.</summary>
    public static IReadOnlyList<string> Arguments(IPEndPoint endpoint, string user, string command, TimeSpan connectTimeout) =>
    [
        "-v", "-n", "-T", "-F", "/dev/null",
        "-o", "BatchMode=no",
        "-o", "PreferredAuthentications=password,keyboard-interactive",
        "-o", "PubkeyAuthentication=no",
        "-o", "NumberOfPasswordPrompts=1",
        "-o", "StrictHostKeyChecking=no",
        "-o", "UserKnownHostsFile=/dev/null",
        "-o", "GlobalKnownHostsFile=/dev/null",
        "-o", "ControlPath=none",
        "-o", "ForwardAgent=no",
        "-o", "ForwardX11=no",
        "-o", "ConnectionAttempts=1",
        "-o", $"ConnectTimeout={Math.Max(1, (int)Math.Ceiling(connectTimeout.TotalSeconds))}",
        "-p", endpoint.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
        "-l", user,
        "--", endpoint.Address.ToString(), command,
    ];

    /// <summary>Tries one pair; never throws for what the device does, only for a client that cannot start or a cancellation.</summary>
    /// <exception cref="Win32Exception">ssh or setsid cannot be started.</exception>
    public async Task<SshLoginResult> TryAsync(IPEndPoint endpoint, string user, string password, TimeSpan connectTimeout, TimeSpan attemptTimeout, CancellationToken ct)
    {
        string nonce = "rig-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));
        var psi = new ProcessStartInfo("setsid") { WorkingDirectory = _private.FullName };
        psi.ArgumentList.Add("--wait");
        psi.ArgumentList.Add(_ssh);
        IReadOnlyList<string> args = Arguments(endpoint, user, $"echo {nonce}", connectTimeout);
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.Environment["SSH_ASKPASS"] = _askPass;
        psi.Environment["SSH_ASKPASS_REQUIRE"] = "force";
        psi.Environment[PasswordVariable] = password;
        psi.Environment.Remove("SSH_AUTH_SOCK");
        psi.Environment.Remove("DISPLAY");

        var transcript = new TelnetTranscript();
        transcript.Add(TranscriptDirection.Sent, Encoding.UTF8.GetBytes(
            $"ssh -p {endpoint.Port} {user}@{endpoint.Address} 'echo {nonce}'\npassword (through SSH_ASKPASS): {password}\n"));
        ShellCommandResult run = await ShellCommand.RunAsync(psi, attemptTimeout, OutputLimit, ct).ConfigureAwait(false);
        string stdout = Encoding.UTF8.GetString(run.Stdout.ToArray());
        string[] stderr = Encoding.UTF8.GetString(run.Stderr.ToArray()).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        string[] shown = stderr.Where(l => !l.StartsWith("debug", StringComparison.Ordinal) || Facts().IsMatch(l)).ToArray();
        transcript.Add(TranscriptDirection.Received, Encoding.UTF8.GetBytes(string.Join('\n', shown) + "\n"));
        if (stdout.Length > 0)
        {
            transcript.Add(TranscriptDirection.Received, Encoding.UTF8.GetBytes(stdout));
        }

        string? methods = stderr.Select(l => Methods().Match(l)).LastOrDefault(m => m.Success)?.Groups[1].Value;
        string? version = stderr.Select(l => Version().Match(l)).FirstOrDefault(m => m.Success)?.Groups[1].Value;
        string detail = OutputTail.Cut(OutputTail.Printable(shown.LastOrDefault() ?? ""), 200);
        SshLoginOutcome outcome = Classify(run, stdout, nonce, string.Join('\n', stderr));
        if (outcome == SshLoginOutcome.TimedOut)
        {
            detail = $"no answer within {attemptTimeout.TotalSeconds:0.#} s; the client was stopped";
        }

        return new SshLoginResult(outcome, run.ExitCode, detail, methods, version, transcript.Snapshot());
    }

    public void Dispose()
    {
        try
        {
            _private.Delete(recursive: true);
        }
        catch (IOException)
        {
            // a temp folder left behind is harmless: it holds no password, only the script
        }
    }

    private static SshLoginOutcome Classify(ShellCommandResult run, string stdout, string nonce, string stderr)
    {
        if (stdout.Contains(nonce, StringComparison.Ordinal))
        {
            return SshLoginOutcome.Accepted;
        }

        if (run.TimedOut)
        {
            return SshLoginOutcome.TimedOut;
        }

        if (stderr.Contains("Authentication succeeded", StringComparison.Ordinal))
        {
            return SshLoginOutcome.Unproven;
        }

        if (stderr.Contains("Permission denied", StringComparison.Ordinal) || stderr.Contains("Too many authentication failures", StringComparison.Ordinal))
        {
            return SshLoginOutcome.Refused;
        }

        return Unreachable().IsMatch(stderr) ? SshLoginOutcome.Unreachable : SshLoginOutcome.NoSsh;
    }

    /// <summary>The debug lines worth keeping as evidence.</summary>
    [GeneratedRegex(@"Connecting to|Connection established|Remote protocol version|Server host key:|Authentications that can continue|Authentication succeeded|Exit status")]
    private static partial Regex Facts();

    [GeneratedRegex(@"Authentications that can continue: ([A-Za-z0-9@.,-]{1,200})")]
    private static partial Regex Methods();

    [GeneratedRegex(@"remote software version ([\x21-\x7e]{1,100})")]
    private static partial Regex Version();

    [GeneratedRegex(@"Connection refused|No route to host|Network is unreachable|Connection timed out|Operation timed out")]
    private static partial Regex Unreachable();
}
