using Rig.Engine.Engine;
using Rig.Engine.Plans;
using Rig.Engine.Profiles;

namespace Rig.Tests.Support;

/// <summary>
/// One virtual camera of a personality on a fast bench (boot scale 0.05, an unused telnet port),
/// started and killed by the real sim power switch, run through the real certification path.
/// </summary>
internal sealed class CameraBench() : SimSlotBench("updates", "cam")
{
    public Task<IReadOnlyList<PlanOutcome>> RunAsync(string personality, params string[] planIds) => RunAsync(personality, null, planIds);

    /// <param name="edit">Changes the shipped profile's text first (its firmware paths made absolute), e.g. another version command.</param>
    public Task<IReadOnlyList<PlanOutcome>> RunAsync(string personality, Func<string, string>? edit, params string[] planIds)
    {
        string address = personality switch { "vcam-vulnerable" => "127.0.0.2", "vcam-hardened" => "127.0.0.3", _ => "127.0.0.4" };
        string profile = TestPaths.Profile(personality);
        if (edit is not null)
        {
            string text = File.ReadAllText(profile).Replace("../firmware/", TestPaths.Firmware + "/", StringComparison.Ordinal);
            profile = Files.Write("edited-profile.yaml", edit(text));
        }

        return CertifyAsync(
            $"personality: {personality}, address: {address}, telnet_port: 32325, boot_scale: 0.05, login_fail_delay: 200ms",
            "100ms",
            ProfileLoader.Load(profile, null, [TestPaths.Firmware]),
            planIds.Select(id => PlanLoader.Load(TestPaths.Plan(id))).ToArray());
    }
}
