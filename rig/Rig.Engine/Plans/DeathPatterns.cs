namespace Rig.Engine.Plans;

/// <summary>
/// The strings that end any plan whenever they appear (tbot's "death strings"): the device
/// crashed, or rebooted when nobody asked it to. Seeds from the security catalog's crash oracle.
/// </summary>
public static class DeathPatterns
{
    // Every repeat is bounded, so a scan's look-back is the widest pattern's reach, not the full window.
    // Each names the literals one of which every match contains: when none is in new output, no
    // pattern runs (one vectorised pass instead of six regex scans over every byte of a run).
    private static readonly (string Pattern, DeathKind Kind, string What, string[] Signature)[] Seeds =
    [
        (@"Kernel panic - not syncing[^\r\n]{0,120}", DeathKind.Crash, "kernel panic", ["Kernel panic - not syncing"]),
        (@"Unable to handle kernel[^\r\n]{0,120}", DeathKind.Crash, "kernel crash", ["Unable to handle kernel"]),
        (@"(?m)^(?:\[[ \d.]{1,24}\]\s{0,8})?Oops[:\[][^\r\n]{0,120}", DeathKind.Crash, "kernel Oops", ["Oops:", "Oops["]),
        (@"(?i)watchdog[^\r\n]{0,40}\b(?:reset|expired|timeout)\b[^\r\n]{0,80}", DeathKind.Crash, "watchdog reset", ["watchdog"]),
        (@"(?m)^U-Boot (?:SPL )?\d{4}\.\d{2}[^\r\n]{0,80}", DeathKind.Reboot, "bootloader banner", ["U-Boot "]),
        (@"(?mi)^(?:\[[ \d.]{1,24}\]\s{0,8})?(?:Rebooting|Restarting system)\b[^\r\n]{0,80}", DeathKind.Reboot, "reboot", ["Rebooting", "Restarting system"]),
    ];

    /// <summary>The built-in patterns; a crash ends the plan with fail, an unasked reboot too.</summary>
    public static IReadOnlyList<DeathPattern> Builtin { get; } = Seeds
        .Select(s => new DeathPattern(
            PatternCompiler.Compile(s.Pattern, m => new InvalidOperationException(m)),
            s.Pattern,
            s.Kind,
            Verdict.Fail,
            s.Kind == DeathKind.Crash
                ? $"the device crashed ({s.What}): {{{{death}}}}"
                : $"the device rebooted when nobody asked it to ({s.What}): {{{{death}}}}",
            Builtin: true,
            s.Signature))
        .ToList();
}
