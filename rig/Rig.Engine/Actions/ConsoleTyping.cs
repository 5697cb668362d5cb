using Rig.Engine.Journal;
using System.Text;
using Rig.Engine.Profiles;

namespace Rig.Engine.Actions;

/// <summary>Types on the device's console at the pace its profile allows, and journals what was typed.</summary>
/// <remarks>
/// The send is journaled before the first byte is written: the console reader journals the
/// device's answer on its own thread, and an answer must never precede its question in the
/// journal (a transcript exported from it would replay out of order). A write that then fails
/// ends the action with an error, which the journal records after the send.
/// </remarks>
internal static class ConsoleTyping
{
    public static Task TypeAsync(ActionContext context, string text, CancellationToken ct) =>
        TypeSecretAsync(context, text, secret: false, ct);

    /// <summary>Types <paramref name="text"/>; when <paramref name="secret"/>, the journal records that a password was sent, not which.</summary>
    public static async Task TypeSecretAsync(ActionContext context, string text, bool secret, CancellationToken ct)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        context.Journal.Append(secret ? new SendEvent(context.PlanId, null, "password") : new SendEvent(context.PlanId, bytes));
        TxPacing pacing = context.Profile.Pacing ?? TxPacing.None;
        for (int at = 0; at < bytes.Length; at += pacing.Chunk)
        {
            if (at > 0 && pacing.Delay > TimeSpan.Zero)
            {
                await Task.Delay(pacing.Delay, ct).ConfigureAwait(false); // the device's UART has no flow control
            }

            await context.Console.WriteAsync(bytes.AsMemory(at, Math.Min(pacing.Chunk, bytes.Length - at)), ct).ConfigureAwait(false);
        }
    }
}
