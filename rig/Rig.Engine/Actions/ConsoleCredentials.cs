using Rig.Drivers.Power;

namespace Rig.Engine.Actions;

/// <summary>
/// The console password of the device under test: the per-device secret a lab reads from the
/// device's label. A virtual camera keeps its label in its flash folder; for real devices the lab
/// puts it in the environment variable <see cref="Variable"/>. Never journaled.
/// </summary>
internal static class ConsoleCredentials
{
    public const string Variable = "RIG_CONSOLE_PASSWORD";

    /// <summary>The password, or null when the lab gave none.</summary>
    public static string? Password(ActionContext context)
    {
        if (context.Slot.Power is SimPowerOptions sim && sim.Transcript is null)
        {
            string label = Path.Combine(sim.StateDir, "root-password");
            try
            {
                using var f = new FileStream(label, FileMode.Open, FileAccess.Read);
                byte[] buf = new byte[256];
                string text = System.Text.Encoding.UTF8.GetString(buf, 0, f.ReadAtLeast(buf, buf.Length, throwOnEndOfStream: false));
                return text.Split('\n')[0].Trim();
            }
            catch (FileNotFoundException)
            {
                return null;
            }
        }

        return Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } p ? p : null;
    }
}
