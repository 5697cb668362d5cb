using Rig.Engine.Config;
using Rig.Expect;

namespace Rig.Engine.Plans;

/// <summary>
/// The strings that end any plan whenever they appear (tbot's "death strings"): the device
/// crashed, or rebooted when nobody asked it to. Each is justified by real console logs in
/// tests/corpus/consoles (its README names the lines); none matches a healthy boot there.
/// </summary>
public static class DeathPatterns
{
    /// <summary>How far (raw bytes) after an ambiguous line its confirming new boot may start.</summary>
    public const int ConfirmWithin = 8 * 1024;

    /// <summary>
    /// A boot loop: the same first line again before the boot printed this much. A boot the plan
    /// asked for (an update's reboot, then a power cycle) prints its whole boot log in between.
    /// </summary>
    public const int LoopWithin = 1024;

    // The first line of a new boot, per family: U-Boot proper, a kernel (ARM's first line, or the version line
    // every kernel prints at time 0), the ESP ROM, Zephyr. A family's line twice is a boot loop.
    // A hit on any pattern confirms a pending ambiguous line when its text matches that line's Confirm.
    private const string UBoot = @"(?m)^U-Boot \d{4}\.\d{2}[^\r\n]{0,80}";
    private const string KernelArm = @"Booting Linux on physical CPU[^\r\n]{0,40}";
    private const string KernelVersion = @"(?m)^\[\s{0,6}0\.0{6}\] Linux version \d[^\r\n]{0,80}";
    private const string EspRom = @"(?m)^ets (?:Jan|Jun|Jul) [ \d]\d \d{4}[^\r\n]{0,20}|ESP-ROM:[^\r\n]{0,40}";
    private const string Zephyr = @"\*{3,5} Booting Zephyr OS[^\r\n]{0,80}";
    private static readonly string[] UBootSigns = ["U-Boot "];
    private static readonly string[] KernelArmSigns = ["Booting Linux on physical CPU"];
    private static readonly string[] KernelVersionSigns = ["] Linux version"];
    private static readonly string[] EspRomSigns = ["ets Jan", "ets Jun", "ets Jul", "ESP-ROM:"];
    private static readonly string[] ZephyrSigns = ["Booting Zephyr OS"];

    /// <summary>Any family's first line of a boot: what confirms that a watchdog message was a reset.</summary>
    private const string NewBoot = @"(?m)^U-Boot (?:SPL )?\d{4}\.\d{2}|Booting Linux on physical CPU|^\[\s{0,6}0\.0{6}\] Linux version \d|^ets (?:Jan|Jun|Jul) [ \d]\d \d{4}|ESP-ROM:|\*{3,5} Booting Zephyr OS";

    // Every repeat is bounded, so a scan's look-back is the widest pattern's reach, not the full window.
    // Each names the literals one of which every match contains: when none is in new output, no
    // pattern runs (one vectorised pass instead of a regex scan per pattern over every byte of a run).
    // Reboot patterns come before the boot-loop ones: outside a boot, a banner is a death at once.
    private static readonly Seed[] Seeds =
    [
        // Linux
        new(@"Kernel panic - not syncing[^\r\n]{0,120}", DeathKind.Crash, "kernel panic", ["Kernel panic - not syncing"]),
        new(@"Unable to handle kernel[^\r\n]{0,120}", DeathKind.Crash, "kernel crash", ["Unable to handle kernel"]),
        new(@"(?m)^(?:\[[ \d.]{1,24}\]\s{0,8})?(?:Internal error: Oops|Oops[:\[])[^\r\n]{0,120}", DeathKind.Crash, "kernel Oops", ["Oops"]),
        new(@"(?m)(?:^|\] )(?:kernel BUG at |BUG: )[^\r\n]{1,120}", DeathKind.Crash, "kernel BUG", ["kernel BUG at ", "BUG: "]),
        new(@"(?i)\b(?:soft|hard) lockup\b[^\r\n]{0,100}", DeathKind.Crash, "lockup", ["soft lockup", "hard lockup"]),
        new(@"rcu_\w{1,16} (?:self-)?detected stalls? on CPU[^\r\n]{0,100}", DeathKind.Crash, "RCU stall", ["detected stall"]),
        new(@"INFO: task [^\r\n]{1,64} blocked for more than \d{1,6} seconds", DeathKind.Crash, "hung task", ["blocked for more than"]),
        new(@"softdog: Initiating system reboot", DeathKind.Crash, "watchdog reset", ["softdog: Initiating"]),

        // ESP-IDF and the ESP ROMs
        new(@"Guru Meditation Error[^\r\n]{0,120}", DeathKind.Crash, "ESP panic", ["Guru Meditation Error"]),
        new(@"abort\(\) was called at PC 0x[0-9a-fA-F]{8}[^\r\n]{0,80}", DeathKind.Crash, "ESP abort", ["abort() was called"]),
        new(@"\*\*\*ERROR\*\*\* A stack overflow in task[^\r\n]{0,80}", DeathKind.Crash, "stack overflow", ["stack overflow in task"]),
        new(@"Task watchdog got triggered[^\r\n]{0,120}", DeathKind.Crash, "task watchdog", ["Task watchdog got triggered"]),
        new(@"rst:0x[0-9a-f]{1,2} \((?:TG[01]WDT|TGWDT|RTCWDT_SYS|RTCWDT_CPU|SUPER_WDT|MWDT[01]|LP_WDT)[A-Z0-9_]{0,24}\)[^\r\n]{0,60}", DeathKind.Crash, "watchdog reset", ["WDT"]),
        new(@"rst cause:4, boot mode[^\r\n]{0,20}|Soft WDT reset", DeathKind.Crash, "watchdog reset", ["rst cause:4", "Soft WDT reset"]),
        new(@"Brownout detector was triggered", DeathKind.Crash, "brownout reset", ["Brownout detector"]),

        // Zephyr
        new(@">>> ZEPHYR FATAL ERROR[^\r\n]{0,100}|\*{5} (?:HARD|MPU|BUS|USAGE|SECURE) FAULT \*{5}", DeathKind.Crash, "Zephyr fatal error", ["ZEPHYR FATAL ERROR", " FAULT *****"]),

        // Bootloaders and SoCs that report why they reset
        new(@"(?i)reset cause: ?(?:WDOG|WDT|watchdog)[^\r\n]{0,60}|(?i)\breset by (?:the )?(?:WDT|watchdog)\b[^\r\n]{0,60}", DeathKind.Crash, "watchdog reset", ["reset cause", "reset by"]),

        // A boot: expected where the plan powers the device on, an unasked reboot anywhere else
        new(@"(?m)^U-Boot (?:SPL )?\d{4}\.\d{2}[^\r\n]{0,80}", DeathKind.Reboot, "bootloader banner", UBootSigns),
        new(@"(?mi)^(?:\[[ \d.]{1,24}\]\s{0,8})?(?:Rebooting|Restarting system)\b[^\r\n]{0,80}", DeathKind.Reboot, "reboot", ["Rebooting", "Restarting system"]),
        new(KernelArm, DeathKind.Reboot, "kernel start", KernelArmSigns),
        new(KernelVersion, DeathKind.Reboot, "kernel start", KernelVersionSigns),
        new(EspRom, DeathKind.Reboot, "ROM banner", EspRomSigns),
        new(Zephyr, DeathKind.Reboot, "RTOS banner", ZephyrSigns),

        // Ambiguous alone: systemd's "Watchdog running with a hardware timeout of 1min." and procd's
        // "Opened watchdog with timeout 30s" are healthy. A watchdog reset is a new boot nobody asked for.
        new(@"(?i)watchdog[^\r\n(]{0,40}\b(?:reset|expired|timeout)\b[^\r\n]{0,80}", DeathKind.Crash, "watchdog reset", ["watchdog"], NewBoot),

        // A boot loop: the same family's first line twice, close together, even where one boot was expected (in a
        // group, so that its source, which journals name, differs from the reboot pattern's)
        Loop(UBoot, UBootSigns),
        Loop(KernelArm, KernelArmSigns),
        Loop(KernelVersion, KernelVersionSigns),
        Loop(EspRom, EspRomSigns),
        Loop(Zephyr, ZephyrSigns),
    ];

    /// <summary>The built-in patterns; a crash ends the plan with fail, an unasked reboot too.</summary>
    public static IReadOnlyList<DeathPattern> Builtin { get; } = Seeds.Select(Build).ToList();

    private static Seed Loop(string firstLine, string[] signature) =>
        new($"(?:{firstLine})", DeathKind.Crash, "boot loop", signature, firstLine, LoopWithin);

    private static DeathPattern Build(Seed s) =>
        new(Deferred(s.Pattern), s.Pattern, s.Kind, Verdict.Fail,
            s.Kind == DeathKind.Crash
                ? $"the device crashed ({s.What}): {{{{death}}}}"
                : $"the device rebooted when nobody asked it to ({s.What}): {{{{death}}}}",
            Builtin: true,
            s.Signature)
        {
            What = s.What,
            DeferredConfirm = s.Confirm is null ? null : Deferred(s.Confirm),
            Within = s.Confirm is null ? 0 : s.Within,
        };

    // Linear-time, as PatternCompiler compiles a plan's patterns; compiled when a scan first meets
    // one of the pattern's signature literals (most never are in a session), not at start-up.
    private static DeferredRegex Deferred(string pattern) => new(pattern, PatternCompiler.LinearOptions);

    private sealed record Seed(string Pattern, DeathKind Kind, string What, string[] Signature, string? Confirm = null, int Within = ConfirmWithin);
}
