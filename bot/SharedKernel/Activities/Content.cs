using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CitizenBot.SharedKernel.Activities;

/// <summary>A file, card or other content attached to a message.</summary>
public sealed class Attachment
{
    public string? ContentType { get; set; }
    public string? ContentUrl { get; set; }
    public JsonNode? Content { get; set; }
    public string? Name { get; set; }
    public string? ThumbnailUrl { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>An open entity: mentions, places, client info and schema.org objects such as the AI label.</summary>
[JsonConverter(typeof(EntityJsonConverter))]
public sealed class Entity
{
    public Entity()
        : this([])
    {
    }

    private Entity(JsonObject properties) => Properties = properties;

    /// <summary>The whole entity as written, <c>type</c> included, so entities round-trip unchanged.</summary>
    public JsonObject Properties { get; }

    public string? Type
    {
        get => Properties["type"] is JsonValue value && value.TryGetValue<string>(out var type) ? type : null;
        set => Properties["type"] = value;
    }

    public static Entity FromJson(JsonObject properties) => new(properties);
}

/// <summary>Reads and writes an entity as the plain JSON object it is on the wire.</summary>
public sealed class EntityJsonConverter : JsonConverter<Entity>
{
    public override Entity? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        JsonNode.Parse(ref reader) is JsonObject properties
            ? Entity.FromJson(properties)
            : throw new JsonException("An entity must be a JSON object.");

    public override void Write(Utf8JsonWriter writer, Entity value, JsonSerializerOptions options) =>
        value.Properties.WriteTo(writer, options);
}

/// <summary>Buttons offered with a message; they disappear once the user answers.</summary>
public sealed class SuggestedActions
{
    public List<string>? To { get; set; }
    public List<CardAction>? Actions { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A clickable action (imBack, postBack, messageBack, openUrl, …).</summary>
public sealed class CardAction
{
    public string? Type { get; set; }
    public string? Title { get; set; }
    public string? Image { get; set; }
    public string? ImageAltText { get; set; }
    public string? Text { get; set; }
    public string? DisplayText { get; set; }
    public JsonNode? Value { get; set; }
    public JsonNode? ChannelData { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A span of text in a referenced activity to highlight.</summary>
public sealed class TextHighlight
{
    public string? Text { get; set; }
    public int? Occurrence { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}

/// <summary>A programmatic action with entities, as carried by the semanticAction field.</summary>
public sealed class SemanticAction
{
    public string? Id { get; set; }
    public string? State { get; set; }
    public JsonObject? Entities { get; set; }

    [JsonExtensionData]
    public Dictionary<string, JsonElement>? Extra { get; set; }
}
