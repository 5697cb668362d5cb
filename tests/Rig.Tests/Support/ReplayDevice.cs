using System.Text;
using Rig.Drivers.Power;
using Rig.Drivers.Serial;
using Rig.Formats.Transcripts;
using Rig.Protocols;
using Rig.Tests.Serial;

namespace Rig.Tests.Support;

/// <summary>
/// A replay device as a slot sees it: the sim power switch starting the real rig-vdev with a
/// transcript, and the real serial console on the link it makes. Disposing powers it off (and
/// checks it is gone), closes the console and deletes the folder.
/// </summary>
internal sealed class ReplayDevice : IAsyncDisposable
{
    private ReplayDevice(TempDir dir, SimPowerOptions options)
    {
        Dir = dir;
        Options = options;
        Power = new SimPowerSwitch(options);
        Console = new TtyConsole(new SerialSettings(options.ConsolePath));
        Console.Subscribe(Listener);
        Console.Start();
    }

    public TempDir Dir { get; }

    public SimPowerOptions Options { get; }

    public SimPowerSwitch Power { get; }

    public TtyConsole Console { get; }

    public RecordingListener Listener { get; } = new();

    /// <summary>What the console has read so far, one char per byte.</summary>
    public string Text => Encoding.Latin1.GetString(Listener.Bytes());

    public string DeviceLog => File.ReadAllText(Path.Combine(Options.StateDir, "vdev.log"));

    /// <summary>A bench for <paramref name="transcript"/> text written to a file in the bench's folder; nothing powered yet.</summary>
    public static ReplayDevice ForText(string transcript, double bootScale = 0)
    {
        var dir = new TempDir();
        return new ReplayDevice(dir, MakeOptions(dir, dir.Write("replay.jsonl", transcript), bootScale));
    }

    /// <summary>A bench for an existing transcript file; nothing powered yet.</summary>
    public static ReplayDevice ForFile(string transcriptPath, double bootScale = 0)
    {
        var dir = new TempDir();
        return new ReplayDevice(dir, MakeOptions(dir, transcriptPath, bootScale));
    }

    public Task PowerOnAsync() => Power.OnAsync(CancellationToken.None);

    /// <summary>
    /// Types on the console once the rig holds it open, as a lab's script waits for the node (a just
    /// started device's link may not be there yet); a device that stopped reading makes this fail
    /// (after a generous limit), never hang.
    /// </summary>
    public async Task SendAsync(string text)
    {
        Listener.WaitUntil(() => Console.IsOpen, "the console open", 20);
        using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            await Console.WriteAsync(Encoding.UTF8.GetBytes(text), limit.Token);
        }
        catch (OperationCanceledException) when (limit.IsCancellationRequested)
        {
            Assert.Fail("the device stopped reading its console: typing blocked for 20 s");
        }
    }

    public void WaitForText(string expected, double seconds = 20) =>
        Listener.WaitUntil(() => Text.Contains(expected, StringComparison.Ordinal), $"\"{expected}\" (got so far: \"{Text}\")", seconds);

    public void WaitForBytes(byte[] expected, double seconds = 20)
    {
        Listener.WaitForBytes(expected.Length, seconds);
        Assert.That(Listener.Bytes(), Is.EqualTo(expected));
    }

    public async ValueTask DisposeAsync()
    {
        int? pid = VirtualDeviceProcess.ReadPid(Options.StateDir);
        await Power.OffAsync(CancellationToken.None);
        await Power.DisposeAsync();
        await Console.DisposeAsync();
        Dir.Dispose();
        Assert.That(pid is null || VirtualDeviceProcess.IsGone(pid.Value), Is.True, "the replay device outlived its test");
    }

    private static SimPowerOptions MakeOptions(TempDir dir, string transcript, double bootScale) =>
        new(SimPowerSwitch.ReplayPersonality, dir["console"], dir["state"], BootScale: bootScale, Transcript: transcript);
}
