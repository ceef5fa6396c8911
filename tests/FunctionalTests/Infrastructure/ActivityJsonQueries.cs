using System.Globalization;
using System.Text.Json.Nodes;

namespace CitizenBot.FunctionalTests.Infrastructure;

/// <summary>Reads activities and sets the way a Direct Line client looks at them.</summary>
public static class ActivityJsonQueries
{
    public static List<JsonObject> Activities(this JsonObject set) => set["activities"]!.AsArray().OfType<JsonObject>().ToList();

    public static long Watermark(this JsonObject set) => long.Parse(set["watermark"]!.GetValue<string>(), CultureInfo.InvariantCulture);

    public static string Id(this JsonObject activity) => activity["id"]!.GetValue<string>();

    public static string? Text(this JsonObject activity) => activity["text"]?.GetValue<string>();

    public static string? ReplyToId(this JsonObject activity) => activity["replyToId"]?.GetValue<string>();

    public static bool IsFromBot(this JsonObject activity) => activity["from"]?["role"]?.GetValue<string>() == "bot";

    public static bool IsBotMessage(this JsonObject activity) => activity.IsFromBot() && activity["type"]?.GetValue<string>() == "message";

    public static bool IsBotReplyTo(this JsonObject activity, string id) => activity.IsBotMessage() && activity.ReplyToId() == id;

    /// <summary>The bot's message carries the schema.org Message entity that Web Chat reads as the AI label.</summary>
    public static bool HasAiLabel(this JsonObject activity) =>
        activity["entities"] is JsonArray entities && entities.OfType<JsonObject>().Count(entity =>
            entity["type"]?.GetValue<string>() == "https://schema.org/Message"
            && entity["@id"]?.GetValue<string>() == ""
            && entity["@type"]?.GetValue<string>() == "Message"
            && entity["additionalType"] is JsonArray types && types.Any(t => t?.GetValue<string>() == "AIGeneratedContent")) == 1;

    public static string ConversationId(this JsonObject conversation) => conversation["conversationId"]!.GetValue<string>();
}
