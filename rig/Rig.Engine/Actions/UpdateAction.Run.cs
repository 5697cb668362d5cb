using Rig.Engine.Journal;
using System.Globalization;
using Rig.Formats.Firmware;

namespace Rig.Engine.Actions;

public sealed partial class UpdateAction
{
    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        ConsoleTap tap = context.OpenConsoleTap();
        try
        {
            var attempt = new UpdateAttempt(context, tap);
            string?[] variants = tamper.Count == 0 ? [null] : [.. tamper];
            UpdateReport? report = null;
            string? variant = null;
            string? expected = null;
            int tried = 0;
            var refusals = new List<string>();
            foreach (string? v in variants)
            {
                variant = v;
                (byte[] bytes, FirmwareImage? parsed) = UpdateImages.Load(context, image, v);
                expected = parsed?.Version;
                tried++;
                report = await attempt.RunAsync(bytes, v is null ? image : $"{image}-{v}", expected, ct).ConfigureAwait(false);
                Journal(context, v, report);
                if (report.Outcome != UpdateOutcome.Rejected)
                {
                    break;
                }

                refusals.Add(v is null ? report.Reason : $"{v}: {report.Reason}");
            }

            if (powerCycle && report!.Outcome is UpdateOutcome.Installed or UpdateOutcome.Rejected)
            {
                report = await CheckAfterPowerCycleAsync(context, attempt, report, expected, ct).ConfigureAwait(false);
                Journal(context, variant, report);
            }

            return new ActionResult(Name(report!.Outcome), new Dictionary<string, string>
            {
                ["image"] = image,
                ["variant"] = variant ?? "none",
                ["version_before"] = report.Before ?? "unknown",
                ["version_after"] = report.After ?? "unknown",
                ["image_version"] = expected ?? "unreadable",
                ["reason"] = report.Outcome == UpdateOutcome.Rejected && refusals.Count > 1 ? string.Join("; ", refusals) : report.Reason,
                ["tried"] = tried.ToString(CultureInfo.InvariantCulture),
            });
        }
        finally
        {
            tap.Dispose();
        }
    }

    /// <summary>Power-cycles and reads the version again: an image refused must stay refused, one installed must stay.</summary>
    private static async Task<UpdateReport> CheckAfterPowerCycleAsync(ActionContext context, UpdateAttempt attempt, UpdateReport report, string? expected, CancellationToken ct)
    {
        await new PowerAction("cycle").RunAsync(context, ct).ConfigureAwait(false);
        UpdateReport again = await attempt.AfterRebootAsync(report.Before, expected, ct).ConfigureAwait(false);
        return (report.Outcome, again.Outcome) switch
        {
            (_, UpdateOutcome.Bricked) => again with { Reason = $"after a power cycle: {again.Reason}" },
            (_, UpdateOutcome.Unread) => again with { Reason = $"after a power cycle: {again.Reason}" },
            (UpdateOutcome.Installed, UpdateOutcome.Installed) => report with { Reason = $"{report.Reason}; still {again.After} after a power cycle" },
            (UpdateOutcome.Installed, _) => again with { Reason = $"installed, but after a power cycle the device runs {again.After}" },
            (_, UpdateOutcome.Installed) when report.Before is null =>
                new UpdateReport(UpdateOutcome.Unread, $"refused ({report.Reason}); after a power cycle the device runs {again.After}, but what it ran before could not be read", null, again.After),
            (_, UpdateOutcome.Installed) when again.After != report.Before => again with { Reason = $"refused at first ({report.Reason}), but after a power cycle the device runs {again.After}" },
            // A change is judged only against a version that was read before: an unknown one cannot have changed.
            _ when report.Before is not null && again.After != report.Before => new UpdateReport(UpdateOutcome.NotActivated, $"refused ({report.Reason}), yet after a power cycle the device runs {again.After}, not {report.Before}", report.Before, again.After),
            _ => report with { After = again.After, Reason = $"{report.Reason}; still {again.After} after a power cycle" },
        };
    }

    internal static string Name(UpdateOutcome outcome) => outcome switch
    {
        UpdateOutcome.Installed => "installed",
        UpdateOutcome.Rejected => "rejected",
        UpdateOutcome.NotActivated => "not-activated",
        UpdateOutcome.Bricked => "bricked",
        UpdateOutcome.NoAnswer => "no-answer",
        UpdateOutcome.Unread => "no-version",
        _ => "no-shell",
    };

    internal static void Journal(ActionContext context, string? variant, UpdateReport report) =>
        context.Journal.Append(new UpdateEvent(context.PlanId, variant, Name(report.Outcome), report.Reason, report.Before, report.After));
}
