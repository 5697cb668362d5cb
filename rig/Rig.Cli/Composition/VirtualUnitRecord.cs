using Rig.Drivers.Power;
using Rig.Engine.Bench;
using Rig.Engine.Profiles;
using Rig.Engine.Runs;

namespace Rig.Cli.Composition;

/// <summary>
/// The lab's record of a virtual camera, made as a technician makes one for a real unit before
/// testing: copy the password from its label, plant a canary as its Wi-Fi passphrase. Plans and
/// actions then see only the record, never the camera's flash.
/// </summary>
public static class VirtualUnitRecord
{
    /// <summary>The record for the unit in <paramref name="slot"/>; for a slot without a live virtual camera, the identity alone.</summary>
    public static UnitRecord Make(SlotConfig slot, UnitIdentity? unit = null)
    {
        if (slot.Power is not SimPowerOptions { Transcript: null } sim)
        {
            return new UnitRecord(unit?.Serial, unit?.Mac, null, []);
        }

        string canary = "canary-" + VirtualUnitLabel.NewPassword();
        VirtualUnitLabel.PlantWifiPassphrase(sim.StateDir, canary);
        return new UnitRecord(unit?.Serial, unit?.Mac, VirtualUnitLabel.ReadPassword(sim.StateDir), [canary]);
    }
}
