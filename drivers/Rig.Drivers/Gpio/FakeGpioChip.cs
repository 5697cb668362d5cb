using Rig.Drivers.Native;

namespace Rig.Drivers.Gpio;

/// <summary>A GPIO chip in memory, for benches without hardware and for testing what drives a chip.</summary>
/// <remarks>
/// It keeps the kernel's rules that matter to a relay: a line has one holder at a time (EBUSY
/// otherwise, naming the holder), the initial level is set by the request itself, and values
/// are logical while <see cref="PinHistory"/> shows the physical level a relay would see.
/// </remarks>
public sealed class FakeGpioChip(string label = "fake-gpio", uint lineCount = 32, string name = "gpiochip-fake") : IGpioChip
{
    private readonly object _gate = new();
    private readonly Dictionary<uint, Held> _held = [];
    private readonly Dictionary<uint, List<bool>> _pins = [];
    private readonly List<FakeGpioRequest> _requests = [];
    private bool _unplugged;

    public string Name { get; } = name;

    public string Label { get; } = label;

    public uint LineCount { get; } = lineCount;

    private string Display => GpioMessages.Chip(Name, Label);

    /// <summary>Every successful request, in order, as it was made.</summary>
    public IReadOnlyList<FakeGpioRequest> Requests
    {
        get
        {
            lock (_gate)
            {
                return [.. _requests];
            }
        }
    }

    /// <summary>Whether a line is currently requested.</summary>
    public bool IsHeld(uint offset)
    {
        lock (_gate)
        {
            return _held.ContainsKey(offset);
        }
    }

    /// <summary>The holder of a line, as GET_LINEINFO would report it; null when free.</summary>
    public string? ConsumerOf(uint offset)
    {
        lock (_gate)
        {
            return _held.TryGetValue(offset, out var h) ? h.Consumer : null;
        }
    }

    /// <summary>Every physical level (true = high) the pin was driven to, oldest first; it stays after release.</summary>
    public IReadOnlyList<bool> PinHistory(uint offset)
    {
        lock (_gate)
        {
            return _pins.TryGetValue(offset, out var h) ? [.. h] : [];
        }
    }

    /// <summary>The physical level last driven (true = high), or null if the pin was never driven.</summary>
    public bool? PinLevel(uint offset)
    {
        lock (_gate)
        {
            return _pins.TryGetValue(offset, out var h) && h.Count > 0 ? h[^1] : null;
        }
    }

    /// <summary>Makes every later call fail with ENODEV, as when a USB GPIO expander is pulled out.</summary>
    public void Unplug()
    {
        lock (_gate)
        {
            _unplugged = true;
        }
    }

    public IGpioOutputLine RequestOutput(uint offset, bool activeLow, bool initialActive, string consumer)
    {
        string line = GpioMessages.Line(Display, offset);
        lock (_gate)
        {
            ThrowIfUnplugged(line, "request as output");
            if (offset >= LineCount)
            {
                throw GpioMessages.OutOfRange(Display, offset, LineCount);
            }

            if (_held.TryGetValue(offset, out var holder))
            {
                throw GpioMessages.Busy(line, holder.Consumer);
            }

            var held = new Held(consumer) { Active = initialActive };
            _held[offset] = held;
            _requests.Add(new FakeGpioRequest(offset, activeLow, initialActive, consumer));
            Drive(offset, activeLow, initialActive);
            return new Line(this, held, line, offset, activeLow);
        }
    }

    /// <summary>Nothing to close; lines handed out stay held, as with the kernel.</summary>
    public void Dispose()
    {
    }

    private void Drive(uint offset, bool activeLow, bool active)
    {
        if (!_pins.TryGetValue(offset, out var history))
        {
            _pins[offset] = history = [];
        }

        history.Add(active != activeLow);
    }

    private void ThrowIfUnplugged(string line, string what)
    {
        if (_unplugged)
        {
            throw Errors.Io($"{line}: {what}", Libc.ENODEV);
        }
    }

    private sealed class Held(string consumer)
    {
        public string Consumer { get; } = consumer;

        public bool Active { get; set; }

        public bool Released { get; set; }
    }

    private sealed class Line(FakeGpioChip chip, Held held, string describe, uint offset, bool activeLow) : IGpioOutputLine
    {
        public string Describe { get; } = describe;

        public uint Offset { get; } = offset;

        public bool ActiveLow { get; } = activeLow;

        public void Set(bool active)
        {
            lock (chip._gate)
            {
                ObjectDisposedException.ThrowIf(held.Released, this);
                chip.ThrowIfUnplugged(Describe, $"set {(active ? "active" : "inactive")}");
                held.Active = active;
                chip.Drive(Offset, ActiveLow, active);
            }
        }

        public bool Get()
        {
            lock (chip._gate)
            {
                ObjectDisposedException.ThrowIf(held.Released, this);
                chip.ThrowIfUnplugged(Describe, "read back");
                return held.Active;
            }
        }

        public void Dispose()
        {
            lock (chip._gate)
            {
                if (!held.Released)
                {
                    held.Released = true;
                    chip._held.Remove(Offset);
                }
            }
        }
    }
}

/// <summary>A request as the fake chip received it: the initial level is the one given in the request itself.</summary>
public sealed record FakeGpioRequest(uint Offset, bool ActiveLow, bool InitialActive, string Consumer);
