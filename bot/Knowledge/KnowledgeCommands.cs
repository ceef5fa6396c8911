using System.CommandLine;

namespace CitizenBot.Knowledge;

/// <summary>The knowledge folder's verbs: import the DLDB export, validate the folder.</summary>
public static class KnowledgeCommands
{
    public static RootCommand AddKnowledgeCommands(this RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        return root;
    }
}
