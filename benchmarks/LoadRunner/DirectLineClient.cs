using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace CitizenBot.LoadRunner;

/// <summary>A conversation as the Direct Line service hands it out.</summary>
public sealed record StartedConversation(string ConversationId, string Token, Uri StreamUrl);

/// <summary>
/// The Direct Line 3.0 calls a Web Chat page and its token server make, over real HTTP and JSON; it shares no types
/// with the bot, so it sees exactly what a client sees.
/// </summary>
public sealed class DirectLineClient(HttpClient http, string secret)
{
    private const string BasePath = "/v3/directline";

    /// <summary>What a city's token server does: trade the secret for a token bound to one new conversation and user.</summary>
    public async Task<string> GenerateTokenAsync(string userId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{BasePath}/tokens/generate")
        {
            Content = JsonContent.Create(new { user = new { id = userId } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        using var body = await SendForJsonAsync(request, cancellationToken);
        return body.RootElement.GetProperty("token").GetString()!;
    }

    /// <summary>What the browser does with the token: start the conversation and get its stream URL.</summary>
    public async Task<StartedConversation> StartConversationAsync(string token, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{BasePath}/conversations");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var body = await SendForJsonAsync(request, cancellationToken);
        var root = body.RootElement;
        return new StartedConversation(
            root.GetProperty("conversationId").GetString()!,
            root.GetProperty("token").GetString()!,
            new Uri(root.GetProperty("streamUrl").GetString()!));
    }

    /// <summary>
    /// What botframework-directlinejs does after its socket closed: asks for the conversation again from the last
    /// watermark and gets a fresh token and stream URL (possibly from another replica).
    /// </summary>
    public async Task<StartedConversation> ReconnectAsync(StartedConversation conversation, string? watermark, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Get, $"{BasePath}/conversations/{conversation.ConversationId}?watermark={Uri.EscapeDataString(watermark ?? "")}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", conversation.Token);
        using var body = await SendForJsonAsync(request, cancellationToken);
        var root = body.RootElement;
        return conversation with { Token = root.GetProperty("token").GetString()!, StreamUrl = new Uri(root.GetProperty("streamUrl").GetString()!) };
    }

    /// <summary>Posts a citizen's message as botframework-directlinejs does and returns the id the service gave it.</summary>
    public async Task<string> PostMessageAsync(StartedConversation conversation, string userId, string text, string clientActivityId, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{BasePath}/conversations/{conversation.ConversationId}/activities")
        {
            Content = JsonContent.Create(new
            {
                type = "message",
                text,
                locale = "de-DE",
                from = new { id = userId, role = "user" },
                channelData = new { clientActivityID = clientActivityId },
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", conversation.Token);
        using var body = await SendForJsonAsync(request, cancellationToken);
        return body.RootElement.GetProperty("id").GetString()!;
    }

    /// <summary>One poll: the activities after the watermark, as the raw ActivitySet JSON.</summary>
    public async Task<JsonDocument> GetActivitiesAsync(StartedConversation conversation, string? watermark, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(
            HttpMethod.Get, $"{BasePath}/conversations/{conversation.ConversationId}/activities?watermark={Uri.EscapeDataString(watermark ?? "")}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", conversation.Token);
        return await SendForJsonAsync(request, cancellationToken);
    }

    private async Task<JsonDocument> SendForJsonAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        using var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}.", null, response.StatusCode);
        }

        await using var stream = await response.Content.ReadAsStreamAsync(cancellationToken);
        return await JsonDocument.ParseAsync(stream, cancellationToken: cancellationToken);
    }
}
