using Rig.Engine.Journal;
using System.Text;

namespace Rig.Engine.Actions;

/// <summary>
/// <c>mitigate: console</c>: types the mitigation the profile declares (e.g. "killall telnetd") on
/// the console, paced, as a lab would in a root shell. Ends with done, or none when the profile
/// declares no mitigation.
/// </summary>
public sealed class MitigateAction : IPlanAction
{
    public static readonly string[] Channels = ["console"];

    public string Kind => "mitigate";

    public string Describe => "mitigate (the profile's console command)";

    public IReadOnlyList<string> Results => ["none"];

    public IReadOnlyList<string> Sets => ["mitigation"];

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        if (context.Profile.MitigationCommand is not { } command)
        {
            return new ActionResult("none", new Dictionary<string, string> { ["mitigation"] = "none declared" });
        }

        byte[] bytes = Encoding.UTF8.GetBytes(command + "\r");
        Profiles.TxPacing pacing = context.Profile.Pacing ?? Profiles.TxPacing.None;
        for (int at = 0; at < bytes.Length; at += pacing.Chunk)
        {
            if (at > 0 && pacing.Delay > TimeSpan.Zero)
            {
                await Task.Delay(pacing.Delay, ct).ConfigureAwait(false);
            }

            await context.Console.WriteAsync(bytes.AsMemory(at, Math.Min(pacing.Chunk, bytes.Length - at)), ct).ConfigureAwait(false);
        }

        context.Journal.Append(new SendEvent(context.PlanId, bytes));
        return new ActionResult("done", new Dictionary<string, string> { ["mitigation"] = command });
    }
}
