using CitizenBot.Knowledge.Search;

namespace CitizenBot.Answering.Generation;

/// <summary>One numbered section of a service description, the only kind of text the model may answer from.</summary>
public sealed record GroundingSource(int Number, string KnowledgeId, string Title, Uri Url, string Heading, string Text)
{
    /// <summary>The sections of the services an extractive answer cited: the best-matching ones first within the budget, numbered in file order.</summary>
    public static IReadOnlyList<GroundingSource> From(IEnumerable<ServiceHit> hits, int maximumCharacters)
    {
        var sections = new List<(ServiceHit Hit, int Order, string Heading, string Text, double Score)>();
        foreach (var hit in hits)
        {
            foreach (var group in Sections(hit.AllPassages))
            {
                sections.Add((hit, sections.Count, group.Heading, group.Text, group.Score));
            }
        }

        var budget = maximumCharacters;
        var chosen = new List<(ServiceHit Hit, int Order, string Heading, string Text, double Score)>();
        foreach (var section in sections.OrderByDescending(section => section.Score).ThenBy(section => section.Order))
        {
            if (chosen.Count > 0 && section.Text.Length > budget)
            {
                continue;
            }

            chosen.Add(section);
            budget -= section.Text.Length;
        }

        return [.. chosen.OrderBy(section => section.Order).Select((section, index) => new GroundingSource(
            index + 1, section.Hit.Document.Id, section.Hit.Document.Title, section.Hit.Document.Url, section.Heading, section.Text))];
    }

    /// <summary>Consecutive passages under one heading form a section; it scores as its best passage.</summary>
    private static IEnumerable<(string Heading, string Text, double Score)> Sections(IReadOnlyList<Passage> passages)
    {
        for (var start = 0; start < passages.Count;)
        {
            var end = start;
            while (end < passages.Count && passages[end].Heading == passages[start].Heading)
            {
                end++;
            }

            var group = passages.Skip(start).Take(end - start).ToList();
            var text = string.Join("\n\n", group.Select(passage => passage.Text.Replace("**", "", StringComparison.Ordinal)));
            yield return (passages[start].Heading, text, group.Max(passage => passage.Score));
            start = end;
        }
    }
}
