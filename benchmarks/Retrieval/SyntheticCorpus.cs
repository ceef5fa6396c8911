using CitizenBot.Knowledge;

namespace CitizenBot.RetrievalBenchmark;

/// <summary>A large corpus with the real one's vocabulary and shape: each new service takes its title, words and sections from several real ones.</summary>
internal static class SyntheticCorpus
{
    public static IReadOnlyList<KnowledgeDocument> Recombine(IReadOnlyList<KnowledgeDocument> real, int count, int seed)
    {
        var random = new Random(seed);
        KnowledgeDocument Pick() => real[random.Next(real.Count)];
        var documents = new List<KnowledgeDocument>(count);
        for (var i = 0; i < count; i++)
        {
            var (first, second, third) = (Pick(), Pick(), Pick());
            var id = $"9{i:D7}";
            documents.Add(first with
            {
                Id = id,
                Title = $"{first.Title} – {second.Title.Split(' ')[0]}",
                Url = new Uri($"https://example.invalid/service/{id}/"),
                Synonyms = [.. first.Synonyms.Concat(third.Synonyms.Take(2))],
                Situations = [.. second.Situations.Concat(third.Situations.Take(2))],
                Sections = [.. first.Sections.Take(2).Concat(second.Sections.Skip(2)).Concat(third.Sections.Take(1))],
                FilePath = $"synthetic-{id}.md",
                ContentHash = id,
            });
        }

        return documents;
    }
}
