using System.Buffers.Text;
using System.Text;
using System.Text.Json.Serialization;
using CitizenBot.Knowledge.Search.Dense;

namespace CitizenBot.Knowledge.Search.Azure;

/// <summary>One service as the Azure index holds it: enough to rank it; answers and citations come from the local knowledge folder.</summary>
public sealed class ServiceSearchDocument
{
    [JsonPropertyName(ServiceIndexSchema.KeyField)]
    public string Key { get; set; } = "";

    [JsonPropertyName(ServiceIndexSchema.ServiceIdField)]
    public string ServiceId { get; set; } = "";

    [JsonPropertyName(ServiceIndexSchema.TitleField)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Title { get; set; }

    [JsonPropertyName(ServiceIndexSchema.SummaryField)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Summary { get; set; }

    [JsonPropertyName(ServiceIndexSchema.BodyField)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Body { get; set; }

    [JsonPropertyName(ServiceIndexSchema.UrlField)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Url { get; set; }

    [JsonPropertyName(ServiceIndexSchema.ContentHashField)]
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? ContentHash { get; set; }

    /// <summary>Written under the configured vector field's name by <see cref="ServiceIndexSync"/>; absent without one.</summary>
    [JsonExtensionData]
    public Dictionary<string, object>? Extra { get; set; }

    /// <summary>Azure keys allow only letters, digits, '-', '_' and '='; knowledge ids may hold anything, so the key is the id in base64url.</summary>
    public static string KeyOf(string serviceId) => Base64Url.EncodeToString(Encoding.UTF8.GetBytes(serviceId));

    /// <summary>What the index must hold for this service; the hash also names the vector length, so switching vectors on pushes everything again.</summary>
    public static string StoredHash(KnowledgeDocument document, int vectorDimensions) =>
        vectorDimensions > 0 ? $"{document.ContentHash}:v{vectorDimensions}" : document.ContentHash;

    public static ServiceSearchDocument From(KnowledgeDocument document, int vectorDimensions)
    {
        ArgumentNullException.ThrowIfNull(document);
        var summary = new StringBuilder();
        foreach (var name in document.Synonyms.Concat(document.Situations).Concat(document.Keywords))
        {
            summary.Append(name).Append(". ");
        }

        return new ServiceSearchDocument
        {
            Key = KeyOf(document.Id),
            ServiceId = document.Id,
            Title = document.Title,
            Summary = summary.ToString().TrimEnd(),
            Body = string.Join("\n\n", document.Sections.Select(section => $"{section.Heading}\n{section.Markdown}")),
            Url = document.Url.ToString(),
            ContentHash = StoredHash(document, vectorDimensions),
        };
    }

    /// <summary>The text whose embedding the vector field holds: the same as for the local vectors.</summary>
    public static string EmbeddedText(KnowledgeDocument document) => ServiceVectors.TextOf(document);
}
