using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CitizenBot.FunctionalTests.Channels;

/// <summary>
/// The Telegram Bot API on 127.0.0.1 (https://core.telegram.org/bots/api): POST /bot{token}/{method} with a JSON body,
/// answered with {"ok":true,"result":…}. Records every call; also plays Telegram's side of the webhook.
/// </summary>
public sealed partial class FakeTelegramBotApi : IAsyncDisposable
{
    public const string BotToken = "7000000001:AAFakeTokenForCitizenBotTests_0123456";
    public const string SecretToken = "webhook-secret-token-for-tests";
    public const long ChatId = 4711;

    private LoopbackServer _server = null!;
    private int _nextMessageId = 100;
    private int _nextUpdateId = 1000;

    private FakeTelegramBotApi()
    {
    }

    public string BaseUrl => _server.BaseUrl;

    public ConcurrentQueue<TelegramCall> Calls { get; } = new();

    /// <summary>The sendMessage calls, in order: what the citizen sees in the chat.</summary>
    public IReadOnlyList<JsonObject> SentMessages => [.. Calls.Where(c => c.Method == "sendMessage").Select(c => c.Body)];

    public static Dictionary<string, string?> Settings(FakeTelegramBotApi telegram) => new()
    {
        ["Channels:Telegram:Enabled"] = "true",
        ["Channels:Telegram:BotToken"] = BotToken,
        ["Channels:Telegram:SecretToken"] = SecretToken,
        ["Channels:Telegram:ApiBaseUrl"] = telegram.BaseUrl,
    };

    public static async Task<FakeTelegramBotApi> StartAsync()
    {
        var fake = new FakeTelegramBotApi();
        fake._server = await LoopbackServer.StartAsync(app => app.MapPost("/{botToken}/{method}", fake.ReceiveAsync));
        return fake;
    }

    public int NextUpdateId() => Interlocked.Increment(ref _nextUpdateId);

    /// <summary>A private-chat text message update as Telegram posts it to the webhook; another citizen's chat with <paramref name="chatId"/>.</summary>
    public JsonObject TextUpdate(string text, int? updateId = null, string language = "de", long chatId = ChatId)
    {
        var message = Message(language, chatId);
        message["text"] = text;
        if (text.StartsWith('/'))
        {
            message["entities"] = new JsonArray(new JsonObject { ["offset"] = 0, ["length"] = text.Split(' ')[0].Length, ["type"] = "bot_command" });
        }

        return new JsonObject { ["update_id"] = updateId ?? NextUpdateId(), ["message"] = message };
    }

    /// <summary>An update whose message is of another kind: <paramref name="field"/> is e.g. "sticker" or "document".</summary>
    public JsonObject MessageUpdate(string field, JsonObject content, string updateKind = "message")
    {
        var message = Message("de", ChatId);
        message[field] = content;
        return new JsonObject { ["update_id"] = NextUpdateId(), [updateKind] = message };
    }

    /// <summary>A press of an inline button under the bot message Telegram delivered as <paramref name="sent"/>.</summary>
    public JsonObject ButtonPress(JsonObject sent, string callbackData) => new()
    {
        ["update_id"] = NextUpdateId(),
        ["callback_query"] = new JsonObject
        {
            ["id"] = "cbq-" + Guid.NewGuid().ToString("N"),
            ["from"] = Citizen("de"),
            ["message"] = new JsonObject
            {
                ["message_id"] = 1,
                ["date"] = 1_764_000_000,
                ["chat"] = Chat(ChatId),
                ["from"] = new JsonObject { ["id"] = 7_000_000_001, ["is_bot"] = true, ["first_name"] = "Stadt" },
                ["text"] = sent["text"]!.GetValue<string>(),
            },
            ["chat_instance"] = "-123456789",
            ["data"] = callbackData,
        },
    };

    public static Task<HttpResponseMessage> PostUpdateAsync(HttpClient bot, JsonObject update, string? secret = SecretToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/telegram") { Content = JsonContent.Create(update) };
        if (secret is not null)
        {
            request.Headers.Add("X-Telegram-Bot-Api-Secret-Token", secret);
        }

        return bot.SendAsync(request);
    }

    /// <summary>What a Telegram client shows for an HTML message: tags removed, entities decoded.</summary>
    public static string Visible(JsonObject sent) => WebUtility.HtmlDecode(Tag().Replace(sent["text"]!.GetValue<string>(), ""));

    public static IReadOnlyList<string> Links(JsonObject sent) =>
        [.. Href().Matches(sent["text"]!.GetValue<string>()).Select(match => WebUtility.HtmlDecode(match.Groups[1].Value))];

    public static IReadOnlyList<string> Tags(JsonObject sent) =>
        [.. TagName().Matches(sent["text"]!.GetValue<string>()).Select(match => match.Groups[1].Value).Distinct()];

    public static IReadOnlyList<JsonObject> Buttons(JsonObject sent) =>
        sent["reply_markup"]?["inline_keyboard"] is JsonArray rows
            ? [.. rows.OfType<JsonArray>().SelectMany(row => row.OfType<JsonObject>())]
            : [];

    private static JsonObject Message(string language, long chatId) => new()
    {
        ["message_id"] = Random.Shared.Next(1, 1_000_000),
        ["date"] = 1_764_000_000,
        ["chat"] = Chat(chatId),
        ["from"] = Citizen(language, chatId),
    };

    private static JsonObject Chat(long chatId) => new() { ["id"] = chatId, ["type"] = "private", ["first_name"] = "Anna" };

    private static JsonObject Citizen(string language, long chatId = ChatId) =>
        new() { ["id"] = chatId, ["is_bot"] = false, ["first_name"] = "Anna", ["language_code"] = language };

    private async Task<IResult> ReceiveAsync(string botToken, string method, HttpRequest request)
    {
        var token = botToken.StartsWith("bot", StringComparison.Ordinal) ? botToken[3..] : "";
        var body = request.HasJsonContentType() ? (await JsonNode.ParseAsync(request.Body))!.AsObject() : [];
        Calls.Enqueue(new TelegramCall(token, method, body));
        if (token != BotToken)
        {
            return Results.Json(new JsonObject { ["ok"] = false, ["error_code"] = 401, ["description"] = "Unauthorized" }, statusCode: 401);
        }

        JsonNode result = method switch
        {
            "sendMessage" => new JsonObject
            {
                ["message_id"] = Interlocked.Increment(ref _nextMessageId),
                ["date"] = 1_764_000_000,
                ["chat"] = new JsonObject { ["id"] = body["chat_id"]!.DeepClone(), ["type"] = "private" },
                ["text"] = body["text"]?.DeepClone(),
            },
            _ => JsonValue.Create(true),
        };
        return Results.Json(new JsonObject { ["ok"] = true, ["result"] = result });
    }

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tag();

    [GeneratedRegex("<a href=\"([^\"]+)\">")]
    private static partial Regex Href();

    [GeneratedRegex("</?([a-z]+)")]
    private static partial Regex TagName();

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

/// <summary>One Bot API call: the token in the URL, the method and the JSON body.</summary>
public sealed record TelegramCall(string Token, string Method, JsonObject Body);
