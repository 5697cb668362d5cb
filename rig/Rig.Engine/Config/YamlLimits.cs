using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Rig.Engine.Config;

/// <summary>
/// Walks a YAML file's events (the parser is iterative, so any depth is safe here) before the
/// recursive node model is built: nesting, alias expansions and non-scalar keys are bounded, so
/// a 50,000-deep file cannot overflow the stack and an alias bomb cannot burn the CPU.
/// </summary>
internal static class YamlLimits
{
    /// <summary>Deepest nesting of mappings and lists; plans nest about eight deep.</summary>
    public const int MaxDepth = 64;

    /// <summary>Most nodes the file may stand for once every alias is expanded.</summary>
    public const int MaxExpandedNodes = 100_000;

    /// <summary>Longest line, in characters.</summary>
    public const int MaxLineLength = 4096;

    public static void Check(string name, string text)
    {
        CheckLines(name, text);
        var parser = new Parser(new StringReader(text));
        var open = new Stack<Level>();
        var anchors = new Dictionary<string, long>(StringComparer.Ordinal);
        var building = new Dictionary<string, long>(StringComparer.Ordinal); // anchors whose node is still open: name → node count at its start
        long nodes = 0;
        while (parser.MoveNext())
        {
            ParsingEvent e = parser.Current!;
            bool isKey = open.TryPeek(out Level? parent) && parent.Mapping && parent.Children % 2 == 0;
            if (e is NodeEvent && open.Count > 0)
            {
                parent!.Children++;
            }

            switch (e)
            {
                case AnchorAlias alias:
                    if (isKey)
                    {
                        throw At(name, e, "an alias (*name) cannot be a key; keys must be plain names");
                    }

                    if (building.ContainsKey(alias.Value.Value))
                    {
                        throw At(name, e, $"alias *{alias.Value.Value} refers to the node it is inside of");
                    }

                    nodes += anchors.TryGetValue(alias.Value.Value, out long size) ? size : 1;
                    break;
                case Scalar:
                    nodes++;
                    break;
                case MappingStart or SequenceStart:
                    if (isKey)
                    {
                        throw At(name, e, "keys must be plain names, not mappings or lists");
                    }

                    nodes++;
                    if (open.Count >= MaxDepth)
                    {
                        throw At(name, e, $"nested more than {MaxDepth} levels deep");
                    }

                    var anchor = ((NodeEvent)e).Anchor;
                    open.Push(new Level(e is MappingStart, anchor.IsEmpty ? null : anchor.Value, nodes));
                    if (!anchor.IsEmpty)
                    {
                        building[anchor.Value] = nodes;
                    }

                    break;
                case MappingEnd or SequenceEnd:
                    Level done = open.Pop();
                    if (done.Anchor is not null)
                    {
                        building.Remove(done.Anchor);
                        anchors[done.Anchor] = nodes - done.NodesAtStart + 1;
                    }

                    break;
            }

            if (e is Scalar { Anchor.IsEmpty: false } anchored)
            {
                anchors[anchored.Anchor.Value] = 1;
            }

            if (nodes > MaxExpandedNodes)
            {
                throw At(name, e, $"more than {MaxExpandedNodes} values once aliases are expanded; refused");
            }
        }
    }

    private static void CheckLines(string name, string text)
    {
        int line = 1;
        int start = 0;
        for (int i = 0; i <= text.Length; i++)
        {
            if (i == text.Length || text[i] == '\n')
            {
                if (i - start > MaxLineLength)
                {
                    throw new ConfigException(name, line, MaxLineLength + 1, $"line longer than {MaxLineLength} characters");
                }

                line++;
                start = i + 1;
            }
        }
    }

    private static ConfigException At(string name, ParsingEvent e, string message) => new(name, (int)e.Start.Line, (int)e.Start.Column, message);

    private sealed class Level(bool mapping, string? anchor, long nodesAtStart)
    {
        public bool Mapping { get; } = mapping;

        public string? Anchor { get; } = anchor;

        public long NodesAtStart { get; } = nodesAtStart;

        public int Children { get; set; }
    }
}
