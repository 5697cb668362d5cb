using System.Text.RegularExpressions;
using Rig.Expect;
using Rig.Engine.Profiles;

namespace Rig.Engine.Actions;

/// <summary>How one submission of an image ended.</summary>
internal enum UpdateOutcome
{
    /// <summary>The device rebooted and runs the image's version.</summary>
    Installed,

    /// <summary>The device refused the image and kept running.</summary>
    Rejected,

    /// <summary>The device rebooted but runs another version (it fell back, or ignored the image).</summary>
    NotActivated,

    /// <summary>No shell came back after the reboot within the boot time.</summary>
    Bricked,

    /// <summary>Neither a refusal nor a reboot within the update timeout.</summary>
    NoAnswer,

    /// <summary>The rig could not get a shell to start from.</summary>
    NoShell,

    /// <summary>The device came back to a shell, but its version command did not say what it runs: nothing was observed to judge.</summary>
    Unread,
}

/// <summary>What one submission showed: outcome, the device's reason, versions before and after.</summary>
internal sealed record UpdateReport(UpdateOutcome Outcome, string Reason, string? Before, string? After);

/// <summary>
/// One image through the declared mechanism: get a shell, read the version, serve the image,
/// type the update command, then read the device's answer (refusal, or reboot and new version).
/// </summary>
internal sealed partial class UpdateAttempt(ActionContext context, ConsoleTap tap)
{
    private readonly DeviceShell _shell = new(context, tap);

    public DeviceShell Shell => _shell;

    public UpdateDeclaration Declaration => UpdateImages.Declaration(context);

    /// <summary>Submits <paramref name="image"/>; <paramref name="expected"/> is the version that counts as installed.</summary>
    public async Task<UpdateReport> RunAsync(byte[] image, string name, string? expected, CancellationToken ct)
    {
        if (!await _shell.EnsureAsync(context.Profile.BootTime, ct).ConfigureAwait(false))
        {
            return new UpdateReport(UpdateOutcome.NoShell, $"no shell on the console within {Config.Duration.Format(context.Profile.BootTime)} (tail: {Tail()})", null, null);
        }

        string? before = await _shell.VersionAsync(Declaration.VersionCommand, ct).ConfigureAwait(false);
        await using ImageServer server = ImageServer.Start(image, name, context);
        await TypeCommandAsync(server.Url, ct).ConfigureAwait(false);
        ExpectHit? hit = await tap.ExpectAsync([Reboot(), Refusal(), Prompt()], Declaration.Timeout, ct).ConfigureAwait(false);
        switch (hit?.PatternIndex)
        {
            case null:
                return new UpdateReport(UpdateOutcome.NoAnswer, $"no refusal and no reboot within {Config.Duration.Format(Declaration.Timeout)} (tail: {Tail()})", before, null);
            case 1:
            case 2:
                string reason = hit.PatternIndex == 1 ? Clean(hit.Captures.GetValueOrDefault("reason", hit.Text)) : "back at the prompt without installing";
                string? now = await _shell.EnsureAsync(TimeSpan.FromSeconds(10), ct).ConfigureAwait(false)
                    ? await _shell.VersionAsync(Declaration.VersionCommand, ct).ConfigureAwait(false)
                    : null;
                return new UpdateReport(UpdateOutcome.Rejected, reason, before, now);
        }

        return await AfterRebootAsync(before, expected, ct).ConfigureAwait(false);
    }

    /// <summary>Waits for the device to boot and checks what it runs.</summary>
    public async Task<UpdateReport> AfterRebootAsync(string? before, string? expected, CancellationToken ct)
    {
        if (!await _shell.EnsureAsync(context.Profile.BootTime, ct, booting: true).ConfigureAwait(false))
        {
            return new UpdateReport(UpdateOutcome.Bricked, $"no shell within {Config.Duration.Format(context.Profile.BootTime)} after the reboot (tail: {Tail()})", before, null);
        }

        // Once more when the first answer is not a version: a booting device's messages can land between the command and its answer.
        string? after = await _shell.VersionAsync(Declaration.VersionCommand, ct).ConfigureAwait(false)
            ?? await _shell.VersionAsync(Declaration.VersionCommand, ct).ConfigureAwait(false);
        if (after is null)
        {
            return new UpdateReport(UpdateOutcome.Unread, $"the device came back to a shell, but '{Declaration.VersionCommand}' answered no version twice (tail: {Tail()})", before, null);
        }

        return after == expected
            ? new UpdateReport(UpdateOutcome.Installed, $"the device rebooted into {after}", before, after)
            : new UpdateReport(UpdateOutcome.NotActivated, $"the device rebooted but runs {after}", before, after);
    }

    /// <summary>Types the declared update command with the URL.</summary>
    public async Task TypeCommandAsync(string url, CancellationToken ct)
    {
        await _shell.SettleAsync(ct).ConfigureAwait(false); // a prompt still on its way is not the device's answer to the update
        await _shell.TypeAsync(Declaration.Command.Replace("{{url}}", url, StringComparison.Ordinal) + "\r", ct).ConfigureAwait(false);
    }

    private string Tail() => Clean(tap.Tail(120));

    /// <summary>Device text inside a verdict's reason: printable, one line, capped.</summary>
    internal static string Clean(string s)
    {
        var chars = s.Trim().Select(c => c is >= ' ' and <= '~' ? c : ' ').Take(200).ToArray();
        return new string(chars);
    }

    [GeneratedRegex(@"(?m)^(?:\[[ \d.]+\]\s*)?(?:Rebooting|Restarting system)\b|^U-Boot \d{4}")]
    internal static partial Regex Reboot();

    [GeneratedRegex(@"(?mi)\b(?:error|refused|rejected|invalid|failed)\b:?\s*(?<reason>[^\r\n]{0,200})")]
    private static partial Regex Refusal();

    [GeneratedRegex(ConsolePrompts.Shell)]
    private static partial Regex Prompt();
}
