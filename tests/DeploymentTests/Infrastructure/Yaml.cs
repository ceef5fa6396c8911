using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace CitizenBot.DeploymentTests.Infrastructure;

/// <summary>YAML documents as nodes to walk, with merge keys (&lt;&lt;: *anchor) resolved as Docker Compose does.</summary>
public static class Yaml
{
    public static IReadOnlyList<YamlMappingNode> Documents(string text)
    {
        var stream = new YamlStream();
        stream.Load(new MergingParser(new Parser(new StringReader(text))));
        return [.. stream.Documents.Select(document => document.RootNode).OfType<YamlMappingNode>()];
    }

    public static YamlNode? At(this YamlNode node, params string[] path)
    {
        var current = node;
        foreach (var step in path)
        {
            if (current is not YamlMappingNode mapping || !mapping.Children.TryGetValue(new YamlScalarNode(step), out var next))
            {
                return null;
            }

            current = next;
        }

        return current;
    }

    public static string? Text(this YamlNode node, params string[] path) => (node.At(path) as YamlScalarNode)?.Value;

    public static IEnumerable<YamlNode> Items(this YamlNode node, params string[] path) =>
        node.At(path) is YamlSequenceNode sequence ? sequence.Children : [];

    public static IEnumerable<KeyValuePair<string, YamlNode>> Entries(this YamlNode node, params string[] path) =>
        node.At(path) is YamlMappingNode mapping
            ? mapping.Children.Select(entry => new KeyValuePair<string, YamlNode>(((YamlScalarNode)entry.Key).Value!, entry.Value))
            : [];
}
