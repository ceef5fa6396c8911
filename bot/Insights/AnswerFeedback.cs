using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenBot.SharedKernel.Activities;

namespace CitizenBot.Insights;

/// <summary>A citizen's thumbs up or down on one answer, with the comment they may have written.</summary>
public sealed record FeedbackVote(string? Reference, string Vote, string? Comment);

/// <summary>
/// The feedback wire formats. Web Chat 4.18 shows thumbs for the LikeAction/DislikeAction in the message entity's potentialAction
/// and posts the chosen action back as event "webchat:activity-status/feedback" (without replyToId, so the action carries our reference);
/// later Web Chat versions post invoke "message/submitAction" with replyToId and the comment; other channels get postBack buttons.
/// </summary>
public static class AnswerFeedback
{
    public const string Like = "like";
    public const string Dislike = "dislike";
    public const string WebChatEvent = "webchat:activity-status/feedback";
    public const string SubmitActionInvoke = "message/submitAction";

    private const string LikeAction = "LikeAction";
    private const string DislikeAction = "DislikeAction";

    /// <summary>An unguessable name for one answer, known before the answer is stored and sent.</summary>
    public static string NewReference() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>The thumbs Web Chat shows under the message; each action names the answer it rates.</summary>
    public static JsonArray PotentialActions(string reference) =>
        [Action(LikeAction, reference), Action(DislikeAction, reference)];

    /// <summary>Buttons for channels without Web Chat's thumbs; the click comes back as a message whose value names answer and vote.</summary>
    public static List<CardAction> Buttons(string reference, string likeTitle, string dislikeTitle) =>
    [
        new() { Type = "postBack", Title = likeTitle, Value = new JsonObject { ["feedback"] = Like, ["replyToId"] = reference } },
        new() { Type = "postBack", Title = dislikeTitle, Value = new JsonObject { ["feedback"] = Dislike, ["replyToId"] = reference } },
    ];

    /// <summary>Web Chat draws thumbs for the message entity's actions (Direct Line and Azure's Web Chat channel), and so does the Telegram edge.</summary>
    public static bool ShowsThumbs(string? channelId) => channelId is "directline" or "webchat" or "telegram";

    /// <summary>The vote in an incoming activity, or null when the activity is no feedback at all.</summary>
    public static FeedbackVote? Read(Activity activity)
    {
        ArgumentNullException.ThrowIfNull(activity);
        return activity.Type switch
        {
            ActivityTypes.Event when activity.Name == WebChatEvent => FromWebChatEvent(activity),
            ActivityTypes.Invoke when activity.Name == SubmitActionInvoke => FromSubmitAction(activity),
            ActivityTypes.Message when activity.Value is JsonObject value && value["feedback"] is not null => FromPostBack(activity, value),
            _ => null,
        };
    }

    private static JsonObject Action(string type, string reference) => new()
    {
        ["@type"] = type,
        ["actionStatus"] = "PotentialActionStatus",
        // schema.org: the object of a LikeAction is the thing liked, here the answer message.
        ["object"] = new JsonObject { ["@type"] = "Message", ["identifier"] = reference },
    };

    private static FeedbackVote FromWebChatEvent(Activity activity)
    {
        var action = activity.Entities?.Select(entity => entity.Properties)
            .FirstOrDefault(properties => Text(properties["@type"]) is LikeAction or DislikeAction);
        var vote = Text(action?["@type"]) switch
        {
            LikeAction => Like,
            DislikeAction => Dislike,
            _ => "",
        };
        return new FeedbackVote(Text(action?["object"]?["identifier"]), vote, null);
    }

    private static FeedbackVote FromSubmitAction(Activity activity)
    {
        var actionValue = activity.Value?["actionValue"];
        var feedback = actionValue?["feedback"];
        // Web Chat sends { feedbackText }, Teams a JSON string of the same object.
        var comment = feedback is JsonObject form ? Text(form["feedbackText"]) : ParseFeedbackText(Text(feedback));
        return new FeedbackVote(activity.ReplyToId, Normalise(Text(actionValue?["reaction"])), comment);
    }

    private static FeedbackVote FromPostBack(Activity activity, JsonObject value) =>
        new(Text(value["replyToId"]) ?? activity.ReplyToId, Normalise(Text(value["feedback"])), Text(value["comment"]));

    private static string Normalise(string? vote) => vote?.Trim().ToLowerInvariant() switch
    {
        Like => Like,
        Dislike => Dislike,
        _ => "",
    };

    private static string? ParseFeedbackText(string? json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        try
        {
            return JsonNode.Parse(json) is JsonObject form ? Text(form["feedbackText"]) : json;
        }
        catch (JsonException)
        {
            return json;
        }
    }

    private static string? Text(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue<string>(out var text) && !string.IsNullOrWhiteSpace(text) ? text : null;
}
