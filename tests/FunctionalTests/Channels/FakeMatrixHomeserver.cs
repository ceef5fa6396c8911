using System.Collections.Concurrent;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CitizenBot.FunctionalTests.Channels;

/// <summary>
/// A Matrix homeserver on 127.0.0.1 as the application-service API and client-server API describe it: it pushes
/// transactions to the bot with the hs_token and receives the bot's room messages and joins, checking the as_token.
/// </summary>
public sealed class FakeMatrixHomeserver : IAsyncDisposable
{
    public const string AsToken = "as-token-for-citizenbot-tests";
    public const string HsToken = "hs-token-for-citizenbot-tests";
    public const string BotUserId = "@stadtassistent:matrix.stadt.test";
    public const string Citizen = "@anna:matrix.stadt.test";
    public const string RoomId = "!beratung:matrix.stadt.test";

    private LoopbackServer _server = null!;
    private int _nextTransaction;

    private FakeMatrixHomeserver()
    {
    }

    public string BaseUrl => _server.BaseUrl;

    public ConcurrentQueue<MatrixCall> Calls { get; } = new();

    /// <summary>The room messages the bot sent with the right as_token, in order.</summary>
    public IReadOnlyList<MatrixCall> SentMessages => [.. Calls.Where(c => c.Kind == "send" && c.Authorization == "Bearer " + AsToken)];

    public static Dictionary<string, string?> Settings(FakeMatrixHomeserver homeserver) => new()
    {
        ["Channels:Matrix:Enabled"] = "true",
        ["Channels:Matrix:HomeserverUrl"] = homeserver.BaseUrl,
        ["Channels:Matrix:AsToken"] = AsToken,
        ["Channels:Matrix:HsToken"] = HsToken,
        ["Channels:Matrix:BotUserId"] = BotUserId,
    };

    public static async Task<FakeMatrixHomeserver> StartAsync()
    {
        var fake = new FakeMatrixHomeserver();
        fake._server = await LoopbackServer.StartAsync(app =>
        {
            app.MapPut("/_matrix/client/v3/rooms/{roomId}/send/{eventType}/{txnId}", fake.ReceiveSendAsync);
            app.MapPost("/_matrix/client/v3/rooms/{roomId}/join", (string roomId, HttpRequest request) =>
            {
                fake.Calls.Enqueue(new MatrixCall("join", roomId, null, request.Headers.Authorization.ToString(), []));
                return Results.Json(new JsonObject { ["room_id"] = roomId });
            });
        });
        return fake;
    }

    public string NextTransactionId() => "txn" + Interlocked.Increment(ref _nextTransaction);

    public static JsonObject TextMessage(string body, string sender = Citizen, string roomId = RoomId) =>
        RoomEvent("m.room.message", sender, new JsonObject { ["msgtype"] = "m.text", ["body"] = body }, roomId);

    public static JsonObject Invite() => new()
    {
        ["type"] = "m.room.member",
        ["room_id"] = RoomId,
        ["sender"] = Citizen,
        ["state_key"] = BotUserId,
        ["event_id"] = "$" + Guid.NewGuid().ToString("N"),
        ["origin_server_ts"] = 1_764_000_000_000,
        ["content"] = new JsonObject { ["membership"] = "invite" },
    };

    public static JsonObject RoomEvent(string type, string sender, JsonObject content, string roomId = RoomId) => new()
    {
        ["type"] = type,
        ["room_id"] = roomId,
        ["sender"] = sender,
        ["event_id"] = "$" + Guid.NewGuid().ToString("N"),
        ["origin_server_ts"] = 1_764_000_000_000,
        ["content"] = content,
    };

    /// <summary>PUT /_matrix/app/v1/transactions/{txnId} to the bot, as the homeserver sends it.</summary>
    public static Task<HttpResponseMessage> PushAsync(
        HttpClient bot, string txnId, IEnumerable<JsonObject> events, string? bearer = HsToken, string? accessTokenQuery = null)
    {
        var path = $"/_matrix/app/v1/transactions/{Uri.EscapeDataString(txnId)}";
        if (accessTokenQuery is not null)
        {
            path += "?access_token=" + Uri.EscapeDataString(accessTokenQuery);
        }

        var request = new HttpRequestMessage(HttpMethod.Put, path)
        {
            Content = JsonContent.Create(new JsonObject { ["events"] = new JsonArray([.. events.Select(roomEvent => roomEvent.DeepClone())]) }),
        };
        if (bearer is not null)
        {
            request.Headers.Authorization = new("Bearer", bearer);
        }

        return bot.SendAsync(request);
    }

    private async Task<IResult> ReceiveSendAsync(string roomId, string eventType, string txnId, HttpRequest request)
    {
        var body = (await JsonNode.ParseAsync(request.Body))!.AsObject();
        var authorization = request.Headers.Authorization.ToString();
        // Spec: a repeated transaction id from the same sender is the same event, not a second message.
        if (Calls.Any(c => c.Kind == "send" && c.TransactionId == txnId && c.RoomId == roomId))
        {
            return Results.Json(new JsonObject { ["event_id"] = "$" + txnId });
        }

        Calls.Enqueue(new MatrixCall(eventType == "m.room.message" ? "send" : eventType, roomId, txnId, authorization, body));
        return authorization == "Bearer " + AsToken
            ? Results.Json(new JsonObject { ["event_id"] = "$" + txnId })
            : Results.Json(new JsonObject { ["errcode"] = "M_UNKNOWN_TOKEN", ["error"] = "Unknown token" }, statusCode: 401);
    }

    public ValueTask DisposeAsync() => _server.DisposeAsync();
}

/// <summary>One client-server API call from the bot.</summary>
public sealed record MatrixCall(string Kind, string RoomId, string? TransactionId, string Authorization, JsonObject Body)
{
    public string PlainBody => Body["body"]?.GetValue<string>() ?? "";

    public string FormattedBody => Body["formatted_body"]?.GetValue<string>() ?? "";
}
