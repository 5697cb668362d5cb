using System.Text;
using System.Text.RegularExpressions;
using Rig.Engine.Profiles;
using Rig.Protocols;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>interrupt: { window: 10s }</c>: types the keys that stop a bootloader's autoboot (space, Enter,
/// Ctrl-C, and the profile's declared stop string) again and again from the moment the console
/// takes bytes until the window ends, or until the console shows where the boot went: a
/// bootloader prompt (result bootloader) or a login or shell prompt (result booted). It watches
/// the raw capture itself, because a state's console patterns wait for its actions to end.
/// </summary>
public sealed class InterruptAction(IReadOnlyList<string> keys, TimeSpan? window, TimeSpan every) : IPlanAction
{
    public static readonly string[] GenericKeys = [" ", "\r", "\x03"];

    public string Kind => "interrupt";

    public string Describe => $"interrupt autoboot ({keys.Count} keys every {every.TotalMilliseconds:0} ms)";

    /// <summary>A U-Boot command line: "=> " (SYS_PROMPT) or the legacy "U-Boot> ".</summary>
    public static readonly Regex BootloaderPrompt = new(@"(?m)^(?:=>|U-Boot>) ", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

    /// <summary>Linux came up: a login prompt or a short line ending in "# " or "$ ".</summary>
    public static readonly Regex BootedPrompt = new(@"(?im)^[^\r\n]{0,32}login: |^[^\r\n#$=>]{0,48}[#$] ", RegexOptions.CultureInvariant | RegexOptions.NonBacktracking);

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

        TxPacing pacing = context.Profile.Pacing ?? TxPacing.None;
        long end = Monotonic.NowNs + (long)length.TotalMilliseconds * 1_000_000;
        int sent = 0;
        var watch = new ConsoleWatch(context.ConsoleLogPath, ConsoleSince.LastPowerOn(context.Journal.Path, context.PlanId));
        string ended = "done";
        context.Journal.Write("interrupt", w => { w.WriteString("plan", context.PlanId); w.WriteNumber("window_ms", (long)length.TotalMilliseconds); });
        while (Monotonic.NowNs < end)
        {
            string seen = watch.Poll();
            if (BootloaderPrompt.IsMatch(seen))
            {
                ended = "bootloader";
                break;
            }

            if (BootedPrompt.IsMatch(seen))
            {
                ended = "booted";
                break;
            }

            foreach (string key in all)
            {
                try
                {
                    await TypeAsync(context, Encoding.UTF8.GetBytes(key), pacing, ct).ConfigureAwait(false);
                    sent++;
                }
                catch (ConsoleUnavailableException)
                {
                    break; // not open yet (the device is still coming up): try again next round
                }
            }

            await Task.Delay(every > pacing.Delay ? every : pacing.Delay, ct).ConfigureAwait(false);
        }

        context.Journal.Write("send", w => { w.WriteString("plan", context.PlanId); w.WriteString("note", $"interrupt: {sent} keys typed"); });
        return new ActionResult(ended, new Dictionary<string, string> { ["keys_sent"] = sent.ToString(System.Globalization.CultureInfo.InvariantCulture) });
    }

    private static async Task TypeAsync(ActionContext context, byte[] bytes, TxPacing pacing, CancellationToken ct)
    {
        for (int at = 0; at < bytes.Length; at += pacing.Chunk)
        {
            if (at > 0 && pacing.Delay > TimeSpan.Zero)
            {
                await Task.Delay(pacing.Delay, ct).ConfigureAwait(false); // no flow control on a bootloader's UART
            }

            await context.Console.WriteAsync(bytes.AsMemory(at, Math.Min(pacing.Chunk, bytes.Length - at)), ct).ConfigureAwait(false);
        }
    }
}
