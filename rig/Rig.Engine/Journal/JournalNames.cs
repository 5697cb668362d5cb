using System.Text.Json;

namespace Rig.Engine.Journal;

// Every name the journal uses on disk, and the only place they are spelt: events and readers use these.

/// <summary>The property names of journal lines (see JOURNAL.md).</summary>
internal static class JournalField
{
    /// <summary>Prefix of an action result's variables: "var.user" holds the variable user.</summary>
    public const string VariablePrefix = "var.";

    public static readonly JsonEncodedText Seq = JsonEncodedText.Encode("seq");
    public static readonly JsonEncodedText MonoNs = JsonEncodedText.Encode("mono_ns");
    public static readonly JsonEncodedText Ev = JsonEncodedText.Encode("ev");
    public static readonly JsonEncodedText Version = JsonEncodedText.Encode("version");
    public static readonly JsonEncodedText Utc = JsonEncodedText.Encode("utc");
    public static readonly JsonEncodedText RigVersion = JsonEncodedText.Encode("rig_version");
    public static readonly JsonEncodedText Lab = JsonEncodedText.Encode("lab");
    public static readonly JsonEncodedText Bench = JsonEncodedText.Encode("bench");
    public static readonly JsonEncodedText Profile = JsonEncodedText.Encode("profile");
    public static readonly JsonEncodedText Scheme = JsonEncodedText.Encode("scheme");
    public static readonly JsonEncodedText Plans = JsonEncodedText.Encode("plans");
    public static readonly JsonEncodedText Name = JsonEncodedText.Encode("name");
    public static readonly JsonEncodedText Address = JsonEncodedText.Encode("address");
    public static readonly JsonEncodedText Accreditation = JsonEncodedText.Encode("accreditation");
    public static readonly JsonEncodedText Signer = JsonEncodedText.Encode("signer");
    public static readonly JsonEncodedText Customer = JsonEncodedText.Encode("customer");
    public static readonly JsonEncodedText Received = JsonEncodedText.Encode("received");
    public static readonly JsonEncodedText File = JsonEncodedText.Encode("file");
    public static readonly JsonEncodedText Sha256 = JsonEncodedText.Encode("sha256");
    public static readonly JsonEncodedText Slot = JsonEncodedText.Encode("slot");
    public static readonly JsonEncodedText Power = JsonEncodedText.Encode("power");
    public static readonly JsonEncodedText Console = JsonEncodedText.Encode("console");
    public static readonly JsonEncodedText ConsoleSettings = JsonEncodedText.Encode("console_settings");
    public static readonly JsonEncodedText SafeState = JsonEncodedText.Encode("safe_state");
    public static readonly JsonEncodedText Manufacturer = JsonEncodedText.Encode("manufacturer");
    public static readonly JsonEncodedText Model = JsonEncodedText.Encode("model");
    public static readonly JsonEncodedText HardwareRevision = JsonEncodedText.Encode("hardware_revision");
    public static readonly JsonEncodedText FirmwareVersion = JsonEncodedText.Encode("firmware_version");
    public static readonly JsonEncodedText Serial = JsonEncodedText.Encode("serial");
    public static readonly JsonEncodedText Mac = JsonEncodedText.Encode("mac");
    public static readonly JsonEncodedText FirmwareImage = JsonEncodedText.Encode("firmware_image");
    public static readonly JsonEncodedText FirmwareSha256 = JsonEncodedText.Encode("firmware_sha256");
    public static readonly JsonEncodedText Id = JsonEncodedText.Encode("id");
    public static readonly JsonEncodedText Title = JsonEncodedText.Encode("title");
    public static readonly JsonEncodedText Standard = JsonEncodedText.Encode("standard");
    public static readonly JsonEncodedText DecisionRule = JsonEncodedText.Encode("decision_rule");
    public static readonly JsonEncodedText Provisions = JsonEncodedText.Encode("provisions");
    public static readonly JsonEncodedText Inputs = JsonEncodedText.Encode("inputs");
    public static readonly JsonEncodedText Source = JsonEncodedText.Encode("source");
    public static readonly JsonEncodedText Interrupted = JsonEncodedText.Encode("interrupted");
    public static readonly JsonEncodedText SafeStateReached = JsonEncodedText.Encode("safe_state_reached");
    public static readonly JsonEncodedText Overall = JsonEncodedText.Encode("overall");
    public static readonly JsonEncodedText Outcome = JsonEncodedText.Encode("outcome");
    public static readonly JsonEncodedText Plan = JsonEncodedText.Encode("plan");
    public static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
    public static readonly JsonEncodedText Error = JsonEncodedText.Encode("error");
    public static readonly JsonEncodedText Text = JsonEncodedText.Encode("text");
    public static readonly JsonEncodedText Pattern = JsonEncodedText.Encode("pattern");
    public static readonly JsonEncodedText StreamOffset = JsonEncodedText.Encode("stream_offset");
    public static readonly JsonEncodedText Taken = JsonEncodedText.Encode("taken");
    public static readonly JsonEncodedText Kind = JsonEncodedText.Encode("kind");
    public static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");
    public static readonly JsonEncodedText Result = JsonEncodedText.Encode("result");
    public static readonly JsonEncodedText Verdict = JsonEncodedText.Encode("verdict");
    public static readonly JsonEncodedText Reason = JsonEncodedText.Encode("reason");
    public static readonly JsonEncodedText RigFault = JsonEncodedText.Encode("rig_fault");
    public static readonly JsonEncodedText Path = JsonEncodedText.Encode("path");
    public static readonly JsonEncodedText NotApplicable = JsonEncodedText.Encode("not_applicable");
    public static readonly JsonEncodedText Skipped = JsonEncodedText.Encode("skipped");
    public static readonly JsonEncodedText Off = JsonEncodedText.Encode("off");
    public static readonly JsonEncodedText Len = JsonEncodedText.Encode("len");
    public static readonly JsonEncodedText Status = JsonEncodedText.Encode("status");
    public static readonly JsonEncodedText Detail = JsonEncodedText.Encode("detail");
    public static readonly JsonEncodedText Data = JsonEncodedText.Encode("data");
    public static readonly JsonEncodedText Redacted = JsonEncodedText.Encode("redacted");
    public static readonly JsonEncodedText Dir = JsonEncodedText.Encode("dir");
    public static readonly JsonEncodedText WindowMs = JsonEncodedText.Encode("window_ms");
    public static readonly JsonEncodedText Trial = JsonEncodedText.Encode("trial");
    public static readonly JsonEncodedText At = JsonEncodedText.Encode("at");
    public static readonly JsonEncodedText From = JsonEncodedText.Encode("from");
    public static readonly JsonEncodedText Found = JsonEncodedText.Encode("found");
    public static readonly JsonEncodedText Probed = JsonEncodedText.Encode("probed");
    public static readonly JsonEncodedText Open = JsonEncodedText.Encode("open");
    public static readonly JsonEncodedText Undeclared = JsonEncodedText.Encode("undeclared");
    public static readonly JsonEncodedText Filtered = JsonEncodedText.Encode("filtered");
    public static readonly JsonEncodedText HostListenersLeftOut = JsonEncodedText.Encode("host_listeners_left_out");
    public static readonly JsonEncodedText Variant = JsonEncodedText.Encode("variant");
    public static readonly JsonEncodedText Before = JsonEncodedText.Encode("before");
    public static readonly JsonEncodedText After = JsonEncodedText.Encode("after");
    public static readonly JsonEncodedText Connect = JsonEncodedText.Encode("connect");
    public static readonly JsonEncodedText Failed = JsonEncodedText.Encode("failed");
    public static readonly JsonEncodedText Http = JsonEncodedText.Encode("http");
    public static readonly JsonEncodedText Sweep = JsonEncodedText.Encode("sweep");
    public static readonly JsonEncodedText Parallel = JsonEncodedText.Encode("parallel");
    public static readonly JsonEncodedText Because = JsonEncodedText.Encode("because");
    public static readonly JsonEncodedText Declared = JsonEncodedText.Encode("declared");
    public static readonly JsonEncodedText Ms = JsonEncodedText.Encode("ms");
    public static readonly JsonEncodedText RigProcess = JsonEncodedText.Encode("rig");
    public static readonly JsonEncodedText InsteadOf = JsonEncodedText.Encode("instead_of");
    public static readonly JsonEncodedText Serve = JsonEncodedText.Encode("serve");
    public static readonly JsonEncodedText Target = JsonEncodedText.Encode("target");
    public static readonly JsonEncodedText SshUser = JsonEncodedText.Encode("ssh_user");
    public static readonly JsonEncodedText Components = JsonEncodedText.Encode("components");
    public static readonly JsonEncodedText Database = JsonEncodedText.Encode("database");
    public static readonly JsonEncodedText Vulnerabilities = JsonEncodedText.Encode("vulnerabilities");
    public static readonly JsonEncodedText Meter = JsonEncodedText.Encode("meter");
    public static readonly JsonEncodedText Milliamps = JsonEncodedText.Encode("ma");
    public static readonly JsonEncodedText BusVolts = JsonEncodedText.Encode("bus_v");
}

/// <summary>The event names (the "ev" property) of journal lines.</summary>
internal static class JournalKind
{
    public static readonly JsonEncodedText Journal = JsonEncodedText.Encode("journal");
    public static readonly JsonEncodedText RunStart = JsonEncodedText.Encode("run-start");
    public static readonly JsonEncodedText RunEnd = JsonEncodedText.Encode("run-end");
    public static readonly JsonEncodedText SchemeResult = JsonEncodedText.Encode("scheme-result");
    public static readonly JsonEncodedText SafeState = JsonEncodedText.Encode("safe-state");
    public static readonly JsonEncodedText SafeStateFailed = JsonEncodedText.Encode("safe-state-failed");
    public static readonly JsonEncodedText Warning = JsonEncodedText.Encode("warning");
    public static readonly JsonEncodedText PlanStart = JsonEncodedText.Encode("plan-start");
    public static readonly JsonEncodedText PlanAborted = JsonEncodedText.Encode("plan-aborted");
    public static readonly JsonEncodedText State = JsonEncodedText.Encode("state");
    public static readonly JsonEncodedText Match = JsonEncodedText.Encode("match");
    public static readonly JsonEncodedText Death = JsonEncodedText.Encode("death");
    public static readonly JsonEncodedText Action = JsonEncodedText.Encode("action");
    public static readonly JsonEncodedText ActionResult = JsonEncodedText.Encode("action-result");
    public static readonly JsonEncodedText Verdict = JsonEncodedText.Encode("verdict");
    public static readonly JsonEncodedText Power = JsonEncodedText.Encode("power");
    public static readonly JsonEncodedText Console = JsonEncodedText.Encode("console");
    public static readonly JsonEncodedText ConsoleStatus = JsonEncodedText.Encode("console-status");
    public static readonly JsonEncodedText PowerSample = JsonEncodedText.Encode("power-sample");
    public static readonly JsonEncodedText Send = JsonEncodedText.Encode("send");
    public static readonly JsonEncodedText Transcript = JsonEncodedText.Encode("transcript");
    public static readonly JsonEncodedText Interrupt = JsonEncodedText.Encode("interrupt");
    public static readonly JsonEncodedText PowerCut = JsonEncodedText.Encode("power-cut");
    public static readonly JsonEncodedText Net = JsonEncodedText.Encode("net");
    public static readonly JsonEncodedText Scan = JsonEncodedText.Encode("scan");
    public static readonly JsonEncodedText Secrets = JsonEncodedText.Encode("secrets");
    public static readonly JsonEncodedText Inventory = JsonEncodedText.Encode("inventory");
    public static readonly JsonEncodedText Update = JsonEncodedText.Encode("update");
    public static readonly JsonEncodedText Unobserved = JsonEncodedText.Encode("unobserved");
    public static readonly JsonEncodedText SupervisorSafeState = JsonEncodedText.Encode("supervisor-safe-state");
    public static readonly JsonEncodedText SupervisorSafeStateFailed = JsonEncodedText.Encode("supervisor-safe-state-failed");
}
