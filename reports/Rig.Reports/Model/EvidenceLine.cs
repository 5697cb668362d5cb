namespace Rig.Reports.Model;

/// <summary>
/// One line of evidence. <paramref name="Data"/> holds the bytes exactly as the device sent
/// them (or the rig sent them); only the renderer turns them into text, and it treats them as hostile.
/// </summary>
/// <param name="OffsetNs">Time since the test started, in nanoseconds (negative before it).</param>
/// <param name="Direction">"rx" (from the device), "tx" (to the device) or null.</param>
public sealed record EvidenceLine(long OffsetNs, string? Direction, byte[] Data);
