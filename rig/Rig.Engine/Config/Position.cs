namespace Rig.Engine.Config;

/// <summary>Where something was written: every plan error points here.</summary>
public sealed record Position(string File, int Line, int Column)
{
    public override string ToString() => $"{File}:{Line}:{Column}";
}
