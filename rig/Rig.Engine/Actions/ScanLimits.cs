namespace Rig.Engine.Actions;

/// <summary>How hard and how long a <c>scan</c> probes, as the plan says.</summary>
/// <param name="ConnectTimeout">How long one connect may take before the port counts as filtered.</param>
/// <param name="BannerWait">How long an open port may take to say something.</param>
/// <param name="Concurrency">How many connects are in flight at once.</param>
/// <param name="TotalLimit">How long the whole scan may take before it is a rig fault.</param>
public sealed record ScanLimits(TimeSpan ConnectTimeout, TimeSpan BannerWait, int Concurrency, TimeSpan TotalLimit);
