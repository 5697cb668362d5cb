using Rig.Engine.Journal;

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

        await ConsoleTyping.TypeAsync(context, command + "\r", ct).ConfigureAwait(false);
        return new ActionResult("done", new Dictionary<string, string> { ["mitigation"] = command });
    }
}
