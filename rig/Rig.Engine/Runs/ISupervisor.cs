using Rig.Engine.Bench;

namespace Rig.Engine.Runs;

/// <summary>
/// The rig's side of the supervisor: a process that outlives the rig and drives every slot it
/// watches to the bench's safe state if the rig ends without saying the slot is safe.
/// </summary>
public interface ISupervisor
{
    /// <summary>The slot may be powered from now on; <paramref name="journalPath"/>, if given, gets the supervisor's record.</summary>
    void Watch(SlotConfig slot, string? journalPath);

    /// <summary>The slot is in its safe state: nothing to do for it if the rig dies now.</summary>
    void Safe(string slot);

    /// <summary>The slot is left as it is on purpose (<c>rig power on</c> done): nothing to do for it.</summary>
    void Leave(string slot);
}
