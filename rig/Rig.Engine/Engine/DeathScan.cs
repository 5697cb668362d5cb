using Rig.Engine.Plans;
using Rig.Expect;

namespace Rig.Engine.Engine;

/// <summary>
/// Scans a plan's death patterns over the death buffer: crash patterns always, reboot patterns
/// only where no boot is expected. A pattern with a confirmation (a watchdog line that healthy
/// systems print too, a boot banner that only a second one makes a loop) is held as pending and
/// dies when a later hit matches its confirmation within its reach; a flush of the buffer (a new
/// boot, leaving one) drops what is pending.
/// </summary>
public sealed class DeathScan(IReadOnlyList<DeathPattern> patterns)
{
    private readonly Armed _all = new(patterns);
    private readonly Armed _crashes = new(patterns.Where(d => d.Kind == DeathKind.Crash).ToList());
    private readonly List<Pending> _pending = [];

    /// <summary>True when every pattern armed in such a state runs on the linear-time engine.</summary>
    public bool Linear(bool bootExpected) => (bootExpected ? _crashes : _all).Linear;

    /// <summary>Scans new output; the first death, or null.</summary>
    public DeathHit? Scan(ExpectBuffer buffer, bool bootExpected)
    {
        Armed armed = bootExpected ? _crashes : _all;
        Drop(buffer.Flushes, long.MaxValue);
        while (buffer.Scan(armed.Regexes, armed.Signatures) is { } hit)
        {
            Drop(buffer.Flushes, hit.StreamOffset);
            foreach (Pending p in _pending)
            {
                if (p.Pattern.Confirm!.IsMatch(hit.Text))
                {
                    return new DeathHit(p.Pattern, $"{p.Text.Trim()}, then: {hit.Text.Trim()}", p.Offset);
                }
            }

            DeathPattern death = armed.Patterns[hit.PatternIndex];
            if (death.Confirm is null)
            {
                return new DeathHit(death, hit.Text.Trim(), hit.StreamOffset);
            }

            _pending.RemoveAll(p => ReferenceEquals(p.Pattern, death)); // the newest line counts
            _pending.Add(new Pending(death, hit.Text, hit.StreamOffset, hit.StreamEnd, buffer.Flushes));
        }

        return null;
    }

    /// <summary>Drops what a flush forgot and what a hit at <paramref name="at"/> is too far on to confirm.</summary>
    private void Drop(int flushes, long at)
    {
        for (int i = _pending.Count - 1; i >= 0; i--)
        {
            Pending p = _pending[i];
            if (p.Flushes != flushes || (at != long.MaxValue && at - p.End > p.Pattern.Within))
            {
                _pending.RemoveAt(i);
            }
        }
    }

    private sealed record Pending(DeathPattern Pattern, string Text, long Offset, long End, int Flushes);

    /// <summary>One arming of the patterns, built once per plan: death patterns are scanned on every console chunk.</summary>
    private sealed class Armed(IReadOnlyList<DeathPattern> patterns)
    {
        public IReadOnlyList<DeathPattern> Patterns { get; } = patterns;

        // Compiled as a scan first needs each: behind the signatures, most never are.
        public DeferredPatterns Regexes { get; } = new(patterns.Select(d => d.Deferred).ToList());

        public bool Linear { get; } = patterns.All(d => d.Linear);

        public PatternSignatures Signatures { get; } = new(patterns.Select(d => d.Signature).ToList());
    }
}

/// <summary>A death seen: the pattern, the text that proved it (with its confirmation), where it starts in the raw stream.</summary>
public sealed record DeathHit(DeathPattern Pattern, string Text, long StreamOffset);
