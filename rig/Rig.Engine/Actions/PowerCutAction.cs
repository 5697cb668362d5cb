using Rig.Engine.Journal;
using System.Globalization;
using System.Text.RegularExpressions;
using Rig.Formats.Firmware;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>power-cut-update: { image: newer, cuts: [Downloading, Verifying, ...] }</c>: for each cut,
/// starts an update, pulls the power the moment the console shows that pattern, powers on again
/// and checks that a shell comes back (security catalog UPD-05). Ends with survived (every trial
/// booted a working version), bricked (sets cut and phase) or no-shell/rejected when it cannot test.
/// </summary>
public sealed class PowerCutAction(string image, IReadOnlyList<(string Source, Regex Pattern)> cuts) : IPlanAction
{
    public string Kind => "power-cut-update";

    public string Describe => $"update to image {image}, cutting power at {cuts.Count} points";

    public string Image => image;

    public IReadOnlyList<string> Cuts => cuts.Select(c => c.Source).ToList();

    public IReadOnlyList<string> Results => ["survived", "bricked", "rejected", "no-shell"];

    public IReadOnlyList<string> Sets => ["trials", "versions", "cut", "reason"];

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        ConsoleTap tap = context.OpenConsoleTap();
        try
        {
            (byte[] bytes, FirmwareImage? parsed) = UpdateImages.Load(context, image, null);
            var attempt = new UpdateAttempt(context, tap);
            var versions = new List<string>();
            int trial = 0;
            foreach ((string source, Regex pattern) in cuts)
            {
                trial++;
                if (!await attempt.Shell.EnsureAsync(context.Profile.BootTime, ct).ConfigureAwait(false))
                {
                    return End("no-shell", trial, versions, source, "no shell on the console to start the update from");
                }

                await using (ImageServer server = ImageServer.Start(bytes, image, context))
                {
                    await attempt.TypeCommandAsync(server.Url, ct).ConfigureAwait(false);
                    var hit = await tap.ExpectAsync([pattern, UpdateAttempt.Reboot()], attempt.Declaration.Timeout, ct).ConfigureAwait(false);
                    if (hit?.PatternIndex != 0)
                    {
                        return End("rejected", trial, versions, source, hit is null
                            ? $"the console never showed '{source}' (tail: {UpdateAttempt.Clean(tap.Tail(120))})"
                            : $"the update finished before '{source}' was seen");
                    }

                    await new PowerAction("off").RunAsync(context, ct).ConfigureAwait(false);
                }

                Journal(context, trial, source);
                await Task.Delay(context.Slot.CycleOff, ct).ConfigureAwait(false);
                tap.Flush();
                await new PowerAction("on").RunAsync(context, ct).ConfigureAwait(false);
                UpdateReport after = await attempt.AfterRebootAsync(null, parsed?.Version, ct).ConfigureAwait(false);
                UpdateAction.Journal(context, $"cut at {source}", after);
                if (after.Outcome == UpdateOutcome.Bricked)
                {
                    return End("bricked", trial, versions, source, $"power cut at '{source}' (trial {trial} of {cuts.Count}): {after.Reason}");
                }

                versions.Add($"{source}: {after.After ?? "?"}");
            }

            return End("survived", trial, versions, "none", $"all {trial} power cuts left the device booting a working version");
        }
        finally
        {
            tap.Dispose();
        }
    }

    private static ActionResult End(string result, int trials, List<string> versions, string cut, string reason) =>
        new(result, new Dictionary<string, string>
        {
            ["trials"] = trials.ToString(CultureInfo.InvariantCulture),
            ["versions"] = versions.Count == 0 ? "none" : string.Join(", ", versions),
            ["cut"] = cut,
            ["reason"] = reason,
        });

    private static void Journal(ActionContext context, int trial, string cut) =>
        context.Journal.Append(new PowerCutEvent(context.PlanId, trial, cut));
}
