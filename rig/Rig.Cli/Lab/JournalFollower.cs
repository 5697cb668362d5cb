using System.Text;
using Rig.Engine.Journal;

namespace Rig.Cli.Lab;

/// <summary>
/// Follows a run's journal.jsonl as rig writes it and hands on each complete line, once, in order;
/// a line still being written waits for its newline. Reading stops at nothing: the file is the
/// record, and what was not yet read is read on the next call.
/// </summary>
internal sealed class JournalFollower(string path)
{
    private const int MaxLine = 1 << 20; // a journal line is small; a huge one is cut, never kept whole
    private long _offset;
    private readonly List<byte> _partial = [];

    /// <summary>New complete lines since the last call.</summary>
    public List<string> ReadNew()
    {
        var lines = new List<string>();
        if (!File.Exists(path))
        {
            return lines;
        }

        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        file.Seek(_offset, SeekOrigin.Begin);
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = file.Read(buffer)) > 0)
        {
            _offset += n;
            foreach (byte b in buffer.AsSpan(0, n))
            {
                if (b == (byte)'\n')
                {
                    lines.Add(Encoding.UTF8.GetString([.. _partial]));
                    _partial.Clear();
                }
                else if (_partial.Count < MaxLine)
                {
                    _partial.Add(b);
                }
            }
        }

        return lines;
    }

    /// <summary>The plan and state a journal event reports, if it is a plan start or a state change.</summary>
    public static (string Plan, string? State)? Position(JournalEvent? e) => e switch
    {
        PlanStartEvent start => (start.Plan, null),
        StateEvent state => (state.Plan, state.State),
        _ => null,
    };
}
