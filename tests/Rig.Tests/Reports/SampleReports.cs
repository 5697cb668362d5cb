using System.Text;
using Rig.Reports.Model;

namespace Rig.Tests.Reports;

/// <summary>Report models for the tests: an ordinary run, and one whose device is an adversary.</summary>
internal static class SampleReports
{
    public const string ReportId = "LAB42-2026-0007";
    public const string Fingerprint = "45669f30aa11bb22cc33dd44ee55ff6600112233445566778899aabbccddeeff";

    public static ReportModel Ordinary(string fingerprint = Fingerprint) => new(
        ReportId,
        "ETSI EN 303 645 baseline",
        new DateTimeOffset(2026, 11, 21, 12, 45, 24, TimeSpan.FromHours(2)),
        "0.1.0",
        new Lab("Example Test Lab", "1 Bench Street, Testtown", "D-PL-12345-01-00"),
        new DeviceUnderTest("Acme", "Cam 3000", "acme-cam3000.yaml", new string('a', 64), "192.0.2.10", "1.2.3", "SN-0001"),
        new BenchSetup("bench-1", new string('b', 64), "slot-2", "gpio gpiochip0 line 17", "/dev/ttyUSB0", "115200 8N1"),
        new DateTimeOffset(2026, 11, 21, 10, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2026, 11, 21, 10, 42, 7, TimeSpan.Zero),
        Verdicts.Fail,
        [
            new PlanResult(
                "CRED-01", "No universal default password on telnet", "plans/cred-01.yaml", new string('c', 64),
                ["EN 303 645 5.1-1", "EN 303 645 5.6-1"], Verdicts.Fail, "telnet accepted root:xc3511",
                ["boot", "sweep", "found"], [new InputFile("wordlists/mirai.txt", new string('d', 64))],
                [
                    new Evidence("Boot console", EvidenceKinds.Console,
                    [
                        new EvidenceLine(12_345_678_901, "rx", Bytes("U-Boot 2024.01\r\n")),
                        new EvidenceLine(13_000_000_000, "rx", Bytes("login: ")),
                        new EvidenceLine(13_500_000_000, "tx", Bytes("root\n")),
                    ]),
                ]),
            new PlanResult(
                "UPD-01", "Firmware updates are signed", "plans/upd-01.yaml", new string('e', 64),
                ["EN 303 645 5.3-2"], Verdicts.Pass, "an unsigned image was refused",
                ["boot", "push-unsigned", "refused"], [], []),
        ],
        new SignerIdentity("A. Tester, technical manager", fingerprint));

    public static readonly string[] HostileLines =
    [
        "<script>alert(1)</script>\n",
        "<meta http-equiv=\"refresh\" content=\"0;url=http://127.0.0.1:9/\">\n",
        "<img src=x onerror=alert(1)>\n",
        "\u001b[1;31mRED\u001b[0m \u001b]0;pwned title\u0007 \u001b]8;;http://127.0.0.1:9/\u001b\\link\u001b]8;;\u001b\\\n",
        "verdict: \u202EPASS\u202C \u2066isolated\u2069\n",
        "nul\0byte\0\n",
    ];

    public const int HugeLineBytes = 1024 * 1024;

    /// <summary>A report whose evidence, reason and device fields carry everything a hostile device might send.</summary>
    public static ReportModel Hostile()
    {
        var lines = new List<EvidenceLine>();
        long t = 1_000_000_000;
        foreach (string line in HostileLines)
        {
            lines.Add(new EvidenceLine(t += 1_000_000, "rx", Bytes(line)));
        }

        lines.Add(new EvidenceLine(t += 1_000_000, "rx", [0xC3, 0x28, 0xFF, (byte)'\n']));
        lines.Add(new EvidenceLine(t += 1_000_000, "rx", Enumerable.Repeat((byte)'A', HugeLineBytes).ToArray()));

        ReportModel model = Ordinary();
        PlanResult plan = model.Plans[0] with
        {
            Reason = "banner said <script>alert(2)</script> \u202Eliaf",
            Evidence = [new Evidence("Console <b>hostile</b>", EvidenceKinds.Console, lines)],
        };
        return model with
        {
            Device = model.Device with { FirmwareVersion = "<img src=x onerror=alert(3)>" },
            Plans = [plan, model.Plans[1]],
        };
    }

    public static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
