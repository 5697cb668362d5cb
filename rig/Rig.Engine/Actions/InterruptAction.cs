using Rig.Engine.Journal;
using System.Text.RegularExpressions;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>interrupt: { window: 10s }</c>: types the keys that stop a bootloader's autoboot (space, Enter,
/// Ctrl-C, and the profile's declared stop string) again and again from the moment the console
/// takes bytes until the window ends, or until the console shows where the boot went: a
/// bootloader prompt (result bootloader), a login or shell prompt (result booted), or the
/// bootloader handing over to the kernel (result kernel). Typing stops at the hand-over: no key can
/// reach the bootloader after it, and Ctrl-C typed into a booting system kills its start-up
/// scripts and shells (busybox init then never gets its console shell up), which would decide the
/// verdict by the test's own disturbance. It watches the console through a tap of its own,
/// because a state's console patterns wait for its actions to end.
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

    /// <summary>
    /// The bootloader has handed over: U-Boot's "Starting kernel ...", the ARM kernel's "Booting
    /// Linux on physical CPU", or the kernel's first line "Linux version N" (what a quiet kernel
    /// prints nothing of; then the keys go on until a prompt or the window's end).
    /// </summary>
    public static readonly Regex KernelStarted = new(
        @"Starting kernel \.\.\.|Booting Linux on physical CPU|Linux version \d[\x20-\x7E]{0,40}",
        RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    public IReadOnlyList<string> Results => ["bootloader", "booted", "kernel"];

    public IReadOnlyList<string> Sets => ["keys_sent", "keys_until"];

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
        string until = "the end of the boot window";
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

            // Between bursts, watch what the console answers: a bootloader prompt, a booted system, or the kernel starting.
            if (await tap.ExpectAsync([BootloaderPrompt, BootedPrompt, KernelStarted], every, ct).ConfigureAwait(false) is { } hit)
            {
                ended = hit.PatternIndex switch { 0 => "bootloader", 1 => "booted", _ => "kernel" };
                until = hit.PatternIndex == 2 ? $"the kernel started (\"{hit.Text.Trim()}\")" : until;
                break;
            }
        }

        return new ActionResult(ended, new Dictionary<string, string>
        {
            ["keys_sent"] = sent.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["keys_until"] = until,
        });
    }
}
