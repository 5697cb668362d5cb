using Rig.Engine.Plans;

namespace Rig.Tests.Graphs;

/// <summary>
/// A valid plan whose every string is built to break a drawing: quotes, braces, pipes, angle
/// brackets, backslashes (Graphviz's \N, \l, \G escapes), newlines, Mermaid's %% comments,
/// "direction TB" and "end note" statements, #NN; codes, HTML, and a bidi override.
/// </summary>
internal sealed class HostilePlan : IDisposable
{
    private readonly TempDir _dir = new();

    public HostilePlan()
    {
        _dir.Write("fragments/hostile.yaml", """
            fragment: hostile
            title: 'Frag "one" {a}|<b> \N end note'
            returns: [done]
            initial: 'in|side'
            states:
              'in|side':
                description: 'fragment {state} "quoted" \l'
                on:
                  - event: power-on
                    do: [ { send: "x\"y" } ]
                    limit: 2
                  - console: '<(?<tag>[a-z]+)>'
                    return: done
            """);
        File = _dir.Write("plans/H-1.yaml", """
            plan: H-1
            title: 'Hostile "labels" {x} | <y> \N'
            initial: 'odd  "name" {x}|<y>'
            death:
              - console: 'boom "x" \{1\} <z> \| \\E'
                kind: reboot
                because: 'went "down" {x}'
            states:
              'odd  "name" {x}|<y>':
                description: "He said \"stop\" {now} | <b>bold</b> \\N \\l #35; end note\nend note\n%% direction TB \u202E"
                enter:
                  - send: "a\"b\\{c}|<d>\r\n"
                on:
                  - console: 'say "(?<x>hi)" \{x\} \| <y> \\N %% #35; ; direction TB'
                    when: "x == 'hi'"
                    goto: frag
                  - console: "two\nlines"
                    verdict: fail
                    because: 'got "{{x}}" <script>alert(1)</script> | {x} \G end note'
                  - after: 5s
                    verdict: inconclusive
                    because: "nothing  \"at\"   all"
              frag:
                use: hostile
                exits:
                  done: { verdict: pass, because: 'ok {x} "y" \\ %% end' }
            """);
        Plan = PlanLoader.Load(File);
    }

    public string File { get; }

    public string Dir => _dir.Path;

    public Plan Plan { get; }

    public void Dispose() => _dir.Dispose();
}
