using Rig.Engine.Config;

namespace Rig.Engine.Actions;

/// <summary>The files a plan's actions read (word lists, port lists): resolved against the plan's folder and recorded with their hashes.</summary>
/// <param name="planDir">The plan file's folder.</param>
/// <param name="displayDir">That folder as the plan was named (e.g. testplans/plans).</param>
internal sealed class PlanInputs(string planDir, string displayDir, List<PlanInput> inputs)
{
    public string FullPath(string relative) => Path.GetFullPath(relative, planDir);

    public void Add(string relative, string fullPath, string sha256, string? source) =>
        inputs.Add(new PlanInput(DisplayPath(relative), fullPath, sha256, source));

    /// <summary>Loads the <c>list:</c> of an action and records it as an input of the plan.</summary>
    public WordList LoadList(YamlMap map)
    {
        string listName = map.RequireString("list");
        WordList list;
        try
        {
            list = WordList.Load(FullPath(listName), listName);
        }
        catch (ConfigException e)
        {
            throw map.Error(map.Get("list")!, $"word list {e.Message}"); // names the plan's line and the list's
        }

        Add(listName, list.Path, list.Sha256, list.Source);
        return list;
    }

    /// <summary>The input named the way the plan was named (testplans/wordlists/mirai.txt), without the "..".</summary>
    public string DisplayPath(string relative)
    {
        var parts = new List<string>();
        foreach (string part in Path.Combine(displayDir, relative).Split('/'))
        {
            if (part == ".." && parts.Count > 0 && parts[^1] != "..")
            {
                parts.RemoveAt(parts.Count - 1);
            }
            else if (part is not ("." or ""))
            {
                parts.Add(part);
            }
        }

        return (relative.StartsWith('/') ? "/" : string.Empty) + string.Join('/', parts);
    }
}
