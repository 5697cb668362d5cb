using Rig.Engine.Journal;
using System.Text;
using Rig.Engine.Profiles;

namespace Rig.Engine.Actions;

/// <summary>Types on the device's console at the pace its profile allows, and journals what was typed.</summary>
internal static class ConsoleTyping
{
    public static async Task TypeAsync(ActionContext context, string text, CancellationToken ct)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(text);
        await WriteAsync(context, bytes, ct).ConfigureAwait(false);
        context.Journal.Append(new SendEvent(context.PlanId, bytes));
    }

    /// <summary>Types <paramref name="text"/>; when <paramref name="secret"/>, the journal records that a password was sent, not which.</summary>
    public static async Task TypeSecretAsync(ActionContext context, string text, bool secret, CancellationToken ct)
    {
        if (!secret)
        {
            await TypeAsync(context, text, ct).ConfigureAwait(false);
            return;
        }

        await WriteAsync(context, Encoding.UTF8.GetBytes(text), ct).ConfigureAwait(false);
        context.Journal.Append(new SendEvent(context.PlanId, null, "password"));
    }

    private static async Task WriteAsync(ActionContext context, byte[] bytes, CancellationToken ct)
    {
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
