using System.Text.Json.Nodes;
using CitizenBot.SharedKernel.Activities;

namespace CitizenBot.Transparency;

/// <summary>
/// The schema.org Message entity that marks a bot message as AI-generated content.
/// Web Chat reads only the entity with "@id": "" as the message itself, and drops the activity without "@type": "Message".
/// </summary>
public static class AiLabel
{
    public const string EntityType = "https://schema.org/Message";
    public const string AiGeneratedContent = "AIGeneratedContent";

    /// <summary>Finds the message's own schema.org entity (where citations also live), creating it when absent.</summary>
    public static JsonObject MessageEntity(Activity activity)
    {
        activity.Entities ??= [];
        var entity = activity.Entities.FirstOrDefault(IsMessageEntity);
        if (entity is null)
        {
            entity = new Entity { Type = EntityType };
            activity.Entities.Add(entity);
        }

        var properties = entity.Properties;
        properties["@context"] = "https://schema.org";
        properties["@id"] = "";
        properties["@type"] = "Message";
        return properties;
    }

    /// <summary>The message's own schema.org entity if it has one, for readers that must not add it.</summary>
    public static JsonObject? FindMessageEntity(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Entities?.FirstOrDefault(IsMessageEntity)?.Properties;
    }

    /// <summary>The knowledge ids of the service descriptions the message cites, in citation order.</summary>
    public static IReadOnlyList<string> CitedKnowledgeIds(Activity activity) =>
        FindMessageEntity(activity)?["citation"] is JsonArray claims
            ? [.. claims.Select(claim => claim?["appearance"]?["identifier"]).OfType<JsonValue>().Select(id => id.GetValue<string>())]
            : [];

    public static void Apply(Activity activity)
    {
        var properties = MessageEntity(activity);
        var types = properties["additionalType"] as JsonArray ?? [];
        if (!types.Any(IsAiGeneratedContent))
        {
            types.Add(AiGeneratedContent);
        }

        properties["additionalType"] = types;
    }

    public static bool IsLabelled(Activity activity) =>
        activity.Entities?.FirstOrDefault(IsMessageEntity)?.Properties["additionalType"] is JsonArray types
        && types.Any(IsAiGeneratedContent);

    private static bool IsAiGeneratedContent(JsonNode? type) =>
        type is JsonValue value && value.TryGetValue<string>(out var name) && name == AiGeneratedContent;

    private static bool IsMessageEntity(Entity entity) =>
        entity.Type == EntityType && entity.Properties["@id"] is JsonValue id && id.TryGetValue<string>(out var value) && value.Length == 0;
}
