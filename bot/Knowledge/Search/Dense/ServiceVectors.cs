using System.Text;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;

namespace CitizenBot.Knowledge.Search.Dense;

/// <summary>One unit-length embedding per service; when editors change the folder only services whose content changed are embedded again.</summary>
public sealed partial class ServiceVectors(IEmbeddingGenerator<string, Embedding<float>> generator, IOptions<EmbeddingOptions> options, ILogger<ServiceVectors> logger)
{
    // What a service is about sits in its names and first paragraph; the rest (offices, forms) would blur the vector.
    private const int MaximumTextLength = 2000;

    private IReadOnlyDictionary<string, StoredVector> _vectors = new Dictionary<string, StoredVector>(StringComparer.Ordinal);

    public int Count => Volatile.Read(ref _vectors).Count;

    /// <summary>Embeds the services of <paramref name="snapshot"/> that are new or changed and swaps the whole table in at once.</summary>
    public async Task UpdateAsync(KnowledgeSnapshot snapshot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        var current = Volatile.Read(ref _vectors);
        var next = new Dictionary<string, StoredVector>(StringComparer.Ordinal);
        var changed = new List<KnowledgeDocument>();
        foreach (var document in snapshot.Documents)
        {
            if (current.TryGetValue(document.Id, out var stored) && stored.ContentHash == document.ContentHash)
            {
                next[document.Id] = stored;
            }
            else
            {
                changed.Add(document);
            }
        }

        foreach (var batch in changed.Chunk(options.Value.BatchSize))
        {
            var embeddings = await generator.GenerateAsync(batch.Select(TextOf), cancellationToken: cancellationToken);
            for (var i = 0; i < batch.Length; i++)
            {
                next[batch[i].Id] = new StoredVector(batch[i].ContentHash, UnitLength(embeddings[i].Vector.Span));
            }
        }

        Volatile.Write(ref _vectors, next);
        LogVectorsUpdated(changed.Count, next.Count, snapshot.Version);
    }

    /// <summary>The services most similar to a question's embedding, most similar first.</summary>
    public IReadOnlyList<string> Nearest(ReadOnlySpan<float> question, int count)
    {
        var query = UnitLength(question);
        var scored = new List<(string Id, float Similarity)>();
        foreach (var (id, stored) in Volatile.Read(ref _vectors))
        {
            if (stored.Vector.Length == query.Length)
            {
                scored.Add((id, Dot(stored.Vector, query)));
            }
        }

        return [.. scored.OrderByDescending(item => item.Similarity).Take(count).Select(item => item.Id)];
    }

    /// <summary>The text embedded for a service: its title, the editors' names for it and its first paragraph.</summary>
    public static string TextOf(KnowledgeDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        var text = new StringBuilder(document.Title);
        foreach (var name in document.Synonyms.Concat(document.Situations))
        {
            text.Append(". ").Append(name);
        }

        if (document.Sections.Count > 0)
        {
            text.Append("\n\n").Append(document.Sections[0].Markdown.Split("\n\n", 2)[0]);
        }

        return text.Length > MaximumTextLength ? text.ToString(0, MaximumTextLength) : text.ToString();
    }

    private static float[] UnitLength(ReadOnlySpan<float> vector)
    {
        var length = MathF.Sqrt(Dot(vector, vector));
        var unit = new float[vector.Length];
        for (var i = 0; i < vector.Length; i++)
        {
            unit[i] = length == 0 ? 0 : vector[i] / length;
        }

        return unit;
    }

    private static float Dot(ReadOnlySpan<float> a, ReadOnlySpan<float> b)
    {
        float sum = 0;
        for (var i = 0; i < a.Length; i++)
        {
            sum += a[i] * b[i];
        }

        return sum;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Embedded {ChangedCount} new or changed services; {VectorCount} service vectors for knowledge version {Version}")]
    private partial void LogVectorsUpdated(int changedCount, int vectorCount, long version);

    private sealed record StoredVector(string ContentHash, float[] Vector);
}
