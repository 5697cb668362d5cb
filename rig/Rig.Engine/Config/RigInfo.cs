using System.Reflection;

namespace Rig.Engine.Config;

/// <summary>The rig's own identity, for journals and reports (test conditions in ISO/IEC 17025 terms).</summary>
public static class RigInfo
{
    public static string Version { get; } =
        typeof(RigInfo).Assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
}
