using Rig.Engine.Journal;
using System.Text.RegularExpressions;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>interrupt: { window: 10s }</c>: types the keys that stop a bootloader's autoboot (space, Enter,
/// Ctrl-C, and the profile's declared stop string) again and again from the moment the console
/// takes bytes until the window ends, or until the console shows where the boot went: a
/// bootloader prompt (result bootloader) or a login or shell prompt (result booted). It watches
/// the console through a tap of its own, because a state's console patterns wait for its actions to end.
/// </summary>
public sealed class InterruptAction(IReadOnlyList<string> keys, TimeSpan? window, TimeSpan every) : IPlanAction
{
    public static readonly string[] GenericKeys = [" ", "\r", "\x03"];

    public string Kind => "interrupt";

    public string Describe => $"interrupt autoboot ({keys.Count} keys every {every.TotalMilliseconds:0} ms)";

    /// <summary>A U-Boot command line: "=> " (SYS_PROMPT) or the legacy "U-Boot> ".</summary>
    public static readonly Regex BootloaderPrompt = new(@"(?m)^(?:=>|U-Boot>) ", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>Linux came up: a login prompt or a short line ending in "# " or "$ ".</summary>
    public static readonly Regex BootedPrompt = new(ConsolePrompts.Booted, RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    public IReadOnlyList<string> Results => ["bootloader", "booted"];

    public IReadOnlyList<string> Sets => ["keys_sent"];

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        TimeSpan length = window ?? context.Profile.BootTime;
        var all = keys.ToList();
        if (context.Profile.BootloaderStop is { } stop && !all.Contains(stop))
        {
            all.Insert(0, stop);
        }

        long end = Monotonic.NowNs + (long)length.TotalMilliseconds * 1_000_000;
        int sent = 0;
        string ended = "done";
        using ConsoleTap tap = context.OpenConsoleTap();
        context.Journal.Append(new InterruptEvent(context.PlanId, (long)length.TotalMilliseconds));
        while (Monotonic.NowNs < end)
        {
            foreach (string key in all)
            {
                try
                {
                    await ConsoleTyping.TypeAsync(context, key, ct).ConfigureAwait(false);
                    sent++;
                }
                catch (ConsoleUnavailableException)
                {
                    break; // not open yet (the device is still coming up): try again next round
                }
            }

            // Between bursts, watch what the console answers: a bootloader prompt, or a booted system.
            if (await tap.ExpectAsync([BootloaderPrompt, BootedPrompt], every, ct).ConfigureAwait(false) is { } hit)
            {
                ended = hit.PatternIndex == 0 ? "bootloader" : "booted";
                break;
            }
        }

        return new ActionResult(ended, new Dictionary<string, string> { ["keys_sent"] = sent.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }
}
