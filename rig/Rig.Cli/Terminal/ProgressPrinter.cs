using System.Diagnostics;
using System.Globalization;
using Rig.Engine.Engine;
using Rig.Engine.Plans;

namespace Rig.Cli.Terminal;

/// <summary>
/// Shows which plan and state each slot is in and for how long: one status line redrawn on a
/// terminal, plain timestamped lines when stderr is a file or a pipe.
/// </summary>
public sealed class ProgressPrinter : IRunProgress, IDisposable
{
    private readonly TextWriter _out;
    private readonly bool _live;
    private readonly Lock _lock = new();
    private readonly Dictionary<string, (string Plan, string State, Stopwatch Since)> _slots = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Timer? _timer;
    private int _statusWidth;

    public ProgressPrinter(TextWriter output, bool live)
    {
        _out = output;
        _live = live;
        _timer = live ? new Timer(_ => Redraw(), null, 250, 250) : null;
    }

    public static ProgressPrinter ForStderr() => new(Console.Error, !Console.IsErrorRedirected);

    public void PlanStarted(string slot, Plan plan)
    {
        lock (_lock)
        {
            _slots[slot] = (plan.Id, "-", Stopwatch.StartNew());
            Line($"[{slot}] {plan.Id}: {plan.Title}");
        }
    }

    public void StateEntered(string slot, Plan plan, string state)
    {
        lock (_lock)
        {
            Stopwatch since = _slots.TryGetValue(slot, out var s) ? s.Since : Stopwatch.StartNew();
            _slots[slot] = (plan.Id, state, since);
            if (!_live)
            {
                Line($"[{slot}] {plan.Id}: state {state}");
            }
        }
    }

    public void PlanFinished(string slot, PlanOutcome outcome)
    {
        lock (_lock)
        {
            _slots.Remove(slot);
            string took = TimeSpan.FromMilliseconds((outcome.EndNs - outcome.StartNs) / 1e6).TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            Line($"[{slot}] {outcome.Plan.Id}: {outcome.Verdict.Text().ToUpperInvariant()} in {took} s: {outcome.Reason}");
        }
    }

    public void Note(string slot, string text)
    {
        lock (_lock)
        {
            Line($"[{slot}] {text}");
        }
    }

    /// <summary>A permanent line: on a terminal the status line is wiped first and redrawn below it.</summary>
    private void Line(string text)
    {
        text = Inert.Line(text); // reasons and notes may quote what the device printed
        if (_live)
        {
            ClearStatus();
            _out.WriteLine(text);
            DrawStatus();
        }
        else
        {
            _out.WriteLine($"{_clock.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture),7} s  {text}");
        }

        _out.Flush();
    }

    private void Redraw()
    {
        lock (_lock)
        {
            ClearStatus();
            DrawStatus();
            _out.Flush();
        }
    }

    private void DrawStatus()
    {
        if (_slots.Count == 0)
        {
            return;
        }

        string status = string.Join("  |  ", _slots.Select(kv =>
            $"{kv.Key} {kv.Value.Plan} {kv.Value.State} {kv.Value.Since.Elapsed.TotalSeconds.ToString("0", CultureInfo.InvariantCulture)}s"));
        int width = Console.IsErrorRedirected ? 200 : Math.Max(20, Console.WindowWidth - 1);
        if (status.Length > width)
        {
            status = status[..width];
        }

        _out.Write(status);
        _statusWidth = status.Length;
    }

    private void ClearStatus()
    {
        if (_statusWidth > 0)
        {
            _out.Write("\r" + new string(' ', _statusWidth) + "\r");
            _statusWidth = 0;
        }
    }

    public void Dispose()
    {
        _timer?.Dispose();
        lock (_lock)
        {
            if (_live)
            {
                ClearStatus();
                _out.Flush();
            }
        }
    }
}
