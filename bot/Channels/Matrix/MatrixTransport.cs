using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CitizenBot.Channels.Messengers;
using CitizenBot.Conversation;
using CitizenBot.Storage;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.Matrix;

/// <summary>
/// Delivers bot messages to a Matrix room through the client-server API as the application service's bot user:
/// plain body plus org.matrix.custom.html, the AI label and source as a footer, choices as a numbered list.
/// </summary>
public sealed class MatrixTransport(HttpClient http, IOptions<MatrixOptions> options, MessengerText text, ILogger<MatrixTransport> logger) : IReplyTransport
{
    public const string Name = "matrix";

    public string Transport => Name;

    public async Task DeliverAsync(ConversationRecord conversation, StoredActivity activity, CancellationToken cancellationToken)
    {
        if (!activity.Activity.IsMessage)
        {
            // Handoff events and typing are for Web Chat and the agent hub; a Matrix room shows only messages.
            return;
        }

        var markdown = text.Compose(activity.Activity, withNumberedChoices: true);
        var content = new JsonObject
        {
            ["msgtype"] = "m.text",
            ["body"] = MarkdownRendering.ToPlainText(markdown),
            ["format"] = "org.matrix.custom.html",
            ["formatted_body"] = MarkdownRendering.ToMatrixHtml(markdown),
        };
        var roomId = conversation.Key.ConversationId;
        var path = $"_matrix/client/v3/rooms/{Uri.EscapeDataString(roomId)}/send/m.room.message/{TransactionId(roomId, activity.Sequence)}";
        using var response = await SendAsync(HttpMethod.Put, path, content, cancellationToken);
        logger.LogInformation("Delivered activity {ActivityId} to Matrix room {RoomId}", activity.Activity.Id, roomId);
    }

    /// <summary>Accepts an invitation, so the bot can read and answer in the room.</summary>
    public async Task JoinAsync(string roomId, CancellationToken cancellationToken)
    {
        using var response = await SendAsync(HttpMethod.Post, $"_matrix/client/v3/rooms/{Uri.EscapeDataString(roomId)}/join", new JsonObject(), cancellationToken);
        logger.LogInformation("Joined Matrix room {RoomId}", roomId);
    }

    private async Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, JsonObject body, CancellationToken cancellationToken)
    {
        var settings = options.Value;
        using var request = new HttpRequestMessage(method, new Uri(new Uri(settings.HomeserverUrl!.TrimEnd('/') + "/"), path))
        {
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", settings.AsToken);
        var response = await http.SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            var status = response.StatusCode;
            response.Dispose();
            logger.LogError("The Matrix homeserver refused {Method} with {StatusCode}", method.Method, (int)status);
            throw new HttpRequestException($"The Matrix homeserver answered {(int)status}.", null, status);
        }

        return response;
    }

    /// <summary>The same stored message always gets the same transaction id, so a retried send is not posted twice.</summary>
    private static string TransactionId(string roomId, long sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"citizenbot.{Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(roomId)))[..16]}.{sequence}");
}
