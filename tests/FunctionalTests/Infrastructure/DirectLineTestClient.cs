using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CitizenBot.FunctionalTests.Infrastructure;

/// <summary>Speaks Direct Line 3.0 as botframework-directlinejs does: raw HTTP and JSON, no shared types with the bot.</summary>
public sealed class DirectLineTestClient(HttpClient http, string credential)
{
    public string Credential { get; private set; } = credential;

    public static async Task<DirectLineTestClient> FromWebChatTokenAsync(HttpClient http, string locale = "de")
    {
        var response = await http.PostAsync($"/api/webchat/token?locale={locale}", null);
        response.EnsureSuccessStatusCode();
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        return new DirectLineTestClient(http, body["token"]!.GetValue<string>());
    }

    public async Task<JsonObject> StartConversationAsync()
    {
        var response = await SendAsync(HttpMethod.Post, "/v3/directline/conversations");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public Task<HttpResponseMessage> PostMessageAsync(string conversationId, string text, string? clientActivityId = null) =>
        SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["from"] = new JsonObject { ["id"] = "ignored-by-token" },
            ["locale"] = "de-DE",
            ["channelData"] = new JsonObject { ["clientActivityID"] = clientActivityId ?? Guid.NewGuid().ToString("N") },
        });

    public async Task<JsonObject> GetActivitiesAsync(string conversationId, string? watermark = null)
    {
        var response = await SendAsync(HttpMethod.Get, $"/v3/directline/conversations/{conversationId}/activities?watermark={watermark}");
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    /// <summary>Polls until the bot has sent at least <paramref name="count"/> messages; bounded to 20 seconds for busy CI machines.</summary>
    public async Task<List<JsonObject>> WaitForBotMessagesAsync(string conversationId, int count)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var set = await GetActivitiesAsync(conversationId);
            var botMessages = set["activities"]!.AsArray().OfType<JsonObject>()
                .Where(a => a["type"]?.GetValue<string>() == "message" && a["from"]?["role"]?.GetValue<string>() == "bot")
                .ToList();
            if (botMessages.Count >= count)
            {
                return botMessages;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The bot did not send {count} messages in conversation {conversationId}.");
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonObject? body = null) =>
        SendAsync(method, path, body is null ? null : JsonContent.Create(body));

    public async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, HttpContent? content)
    {
        using var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Credential);
        request.Content = content;
        return await http.SendAsync(request);
    }
}
