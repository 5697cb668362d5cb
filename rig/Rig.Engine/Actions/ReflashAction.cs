using Rig.Formats.Firmware;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>reflash: current</c>: puts a known image back at the end of a plan, so the next plan starts
/// from a known version. Ends with restored or not-restored (refused by a rollback counter, or the
/// device cannot take it); sets restored_version and restore_note only, so the plan's own findings stay.
/// </summary>
public sealed class ReflashAction(string image) : IPlanAction
{
    public string Kind => "reflash";

    public string Describe => $"reflash image {image}";

    public string Image => image;

    public IReadOnlyList<string> Results => ["restored", "not-restored"];

    public IReadOnlyList<string> Sets => ["restored_version", "restore_note"];

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        ConsoleTap tap = context.OpenConsoleTap();
        try
        {
            (byte[] bytes, FirmwareImage? parsed) = UpdateImages.Load(context, image, null);
            var attempt = new UpdateAttempt(context, tap);
            UpdateReport report = await attempt.RunAsync(bytes, image, parsed?.Version, ct).ConfigureAwait(false);
            UpdateAction.Journal(context, null, report);
            bool already = report.Outcome == UpdateOutcome.Rejected && report.Before == parsed?.Version;
            bool restored = report.Outcome == UpdateOutcome.Installed || already;
            return new ActionResult(restored ? "restored" : "not-restored", new Dictionary<string, string>
            {
                ["restored_version"] = (restored ? parsed?.Version : report.After ?? report.Before) ?? "unknown",
                ["restore_note"] = restored ? $"back on {image} ({parsed?.Version})" : $"could not go back to {image} ({parsed?.Version}): {report.Reason}",
            });
        }
        finally
        {
            tap.Dispose();
        }
    }
}
