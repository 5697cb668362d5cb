using System.Text;

namespace Rig.Engine.Actions;

/// <summary><c>send: "id\r"</c>: types text on the console; {{variables}} are expanded first.</summary>
public sealed class SendAction(string text) : IPlanAction
{
    public string Kind => "send";

    public string Describe => $"send {Printable(text)}";

    public IReadOnlyList<string> Results => [];

    public IReadOnlyList<string> Templates => [text];

    public async Task<ActionResult> RunAsync(ActionContext context, CancellationToken ct)
    {
        string expanded = context.Expand(text);
        byte[] bytes = Encoding.UTF8.GetBytes(expanded);
        Profiles.TxPacing pacing = context.Profile.Pacing ?? Profiles.TxPacing.None;
        for (int at = 0; at < bytes.Length; at += pacing.Chunk)
        {
            if (at > 0 && pacing.Delay > TimeSpan.Zero)
            {
                await Task.Delay(pacing.Delay, ct).ConfigureAwait(false); // the device's UART has no flow control
            }

            await context.Console.WriteAsync(bytes.AsMemory(at, Math.Min(pacing.Chunk, bytes.Length - at)), ct).ConfigureAwait(false);
        }

        context.Journal.Write("send", w =>
        {
            w.WriteString("plan", context.PlanId);
            w.WriteBase64String("data", bytes);
        });
        return ActionResult.Done;
    }

    private static string Printable(string s) =>
        "\"" + s.Replace("\r", "\\r", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal) + "\"";
}
