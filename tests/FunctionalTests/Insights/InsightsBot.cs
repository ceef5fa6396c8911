using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Infrastructure;

namespace CitizenBot.FunctionalTests.Insights;

/// <summary>A citizen's conversation over Direct Line as Web Chat 4.18 speaks it, and staff reading the figures.</summary>
public sealed class InsightsBot : IDisposable
{
    /// <summary>Questions with known outcomes on the repository's knowledge folder.</summary>
    public const string PassportQuestion = "Ich habe meinen Personalausweis verloren. Was muss ich tun?";
    public const string PassportApplicationQuestion = "Wie beantrage ich einen Reisepass?";
    public const string UncoveredQuestion = "Wie hoch ist die Zugspitze in Garmisch?";

    public CitizenBotFactory Factory { get; } = new();

    public static string Today => DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    public async Task<Citizen> StartAsync()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(Factory.CreateClient());
        var conversationId = (await client.StartConversationAsync()).ConversationId();
        await client.WaitForBotMessagesAsync(conversationId, 1);
        return new Citizen(client, conversationId);
    }

    /// <summary>A staff member's browser session (the client keeps the sign-in cookie).</summary>
    public Task<HttpClient> SignInAsync(string name) => StaffAccounts.SignInAsync(Factory.CreateClient(), name);

    public async Task<JsonObject> FiguresTodayAsync()
    {
        using var editor = await SignInAsync("editor");
        return await (await editor.GetAsync($"/admin/insights?from={Today}&to={Today}")).ReadObjectAsync();
    }

    public void Dispose() => Factory.Dispose();
}

/// <summary>One citizen in the chat: asks, sees the answers, and votes the way the chat client sends votes.</summary>
public sealed class Citizen(DirectLineTestClient client, string conversationId)
{
    public string ConversationId { get; } = conversationId;

    /// <summary>Posts the question and returns the bot's answer to it, waiting at most 20 seconds.</summary>
    public async Task<JsonObject> AskAsync(string text) => await ReplyToAsync(await PostAsync(new JsonObject
    {
        ["type"] = "message",
        ["text"] = text,
    }));

    /// <summary>What Web Chat 4.18 posts when the citizen presses a thumb: the message entity's action itself, in an event.</summary>
    public Task<string> PressThumbAsync(JsonObject answer, string actionType) => PostAsync(new JsonObject
    {
        ["type"] = "event",
        ["name"] = "webchat:activity-status/feedback",
        ["entities"] = new JsonArray(ThumbOf(answer, actionType).DeepClone()),
    });

    /// <summary>What later Web Chat versions and Teams post when the citizen votes with a comment.</summary>
    public Task<string> SubmitFeedbackAsync(string replyToId, string reaction, string comment) => PostAsync(new JsonObject
    {
        ["type"] = "invoke",
        ["name"] = "message/submitAction",
        ["replyToId"] = replyToId,
        ["value"] = new JsonObject
        {
            ["actionName"] = "feedback",
            ["actionValue"] = new JsonObject { ["reaction"] = reaction, ["feedback"] = new JsonObject { ["feedbackText"] = comment } },
        },
    });

    /// <summary>A postBack button press from a channel without Web Chat's thumbs.</summary>
    public async Task<JsonObject> PostBackAsync(string vote, string replyToId) => await ReplyToAsync(await PostAsync(new JsonObject
    {
        ["type"] = "message",
        ["value"] = new JsonObject { ["feedback"] = vote, ["replyToId"] = replyToId },
    }));

    public async Task<List<JsonObject>> BotMessagesAsync() =>
        (await client.GetActivitiesAsync(ConversationId)).Activities().Where(activity => activity.IsBotMessage()).ToList();

    public async Task<JsonObject> ReplyToAsync(string activityId)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var reply = (await client.GetActivitiesAsync(ConversationId)).Activities().FirstOrDefault(activity => activity.IsBotReplyTo(activityId));
            if (reply is not null)
            {
                return reply;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The bot did not reply to {activityId}.");
    }

    /// <summary>The LikeAction or DislikeAction Web Chat shows as a thumb under the answer.</summary>
    public static JsonObject ThumbOf(JsonObject answer, string actionType) =>
        MessageEntity(answer)["potentialAction"]!.AsArray().OfType<JsonObject>()
            .Single(action => action["@type"]!.GetValue<string>() == actionType);

    public static JsonObject MessageEntity(JsonObject answer) =>
        answer["entities"]!.AsArray().OfType<JsonObject>().Single(entity => entity["@id"]?.GetValue<string>() == "");

    public static bool Cites(JsonObject answer) => MessageEntity(answer)["citation"] is JsonArray { Count: > 0 };

    private async Task<string> PostAsync(JsonObject activity)
    {
        activity["from"] = new JsonObject { ["id"] = "citizen" };
        activity["locale"] = "de-DE";
        activity["channelData"] = new JsonObject { ["clientActivityID"] = Guid.NewGuid().ToString("N") };
        var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", activity);
        return (await response.ReadObjectAsync())["id"]!.GetValue<string>();
    }
}
