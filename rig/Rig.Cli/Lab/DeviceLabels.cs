using NATS.Client.Core;
using NATS.Client.KeyValueStore;
using Rig.Cli.Commands;
using Rig.Cli.Terminal;

namespace Rig.Cli.Lab;

/// <summary>
/// A device's label (the sticker on it, a bench file's <c>device:</c>) to the bench and slot it sits
/// in, from the slot records agents keep: known while the agent is offline too, as the last agent
/// of the bench announced it.
/// </summary>
internal static class DeviceLabels
{
    public static async Task<(string Bench, string Slot)> ResolveAsync(LabConnection lab, string label, CancellationToken ct)
    {
        var found = new List<SlotRecord>();
        try
        {
            await foreach (string key in lab.Slots.GetKeysAsync(cancellationToken: ct).ConfigureAwait(false))
            {
                NatsResult<NatsKVEntry<byte[]>> e = await lab.Slots.TryGetEntryAsync<byte[]>(key, cancellationToken: ct).ConfigureAwait(false);
                if (e.Success && e.Value.Value is { } v)
                {
                    SlotRecord slot = SlotRecord.FromJson(v);
                    if (string.Equals(slot.Device, label, StringComparison.Ordinal))
                    {
                        found.Add(slot);
                    }
                }
            }
        }
        catch (NatsKVException)
        {
            // no slot announced yet
        }

        return found.Count switch
        {
            1 => (found[0].Bench, found[0].Slot),
            0 => throw new UsageException(Inert.Line($"--device {label}: no slot of the lab holds a device with this label (an agent announces its bench's labels when it starts)")),
            _ => throw new UsageException(Inert.Line($"--device {label}: the label is on {string.Join(" and ", found.Select(s => $"{s.Bench}/{s.Slot}"))}; give --bench and --slot")),
        };
    }
}
