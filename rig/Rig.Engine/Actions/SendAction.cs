namespace Rig.Engine.Actions;

/// <summary><c>send: "id\r"</c>: types text on the console; {{variables}} are expanded first.</summary>
public sealed class SendAction(string text) : IPlanAction
{
    public string Kind => "send";

    public string Describe => $"send {Printable(text)}";

    public IReadOnlyList<string> Results => [];

    public IReadOnlyList<string> Templates => [text];

    public bool Brief => true; // a write that would block waits off the caller's thread (TtyConsole.WriteAsync)

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        await ConsoleTyping.TypeAsync(context, context.Expand(text), ct).ConfigureAwait(false);
        return ActionResult.Done;
    }

    private static string Printable(string s) =>
        "\"" + s.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
