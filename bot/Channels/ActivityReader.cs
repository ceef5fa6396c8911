using System.Text.Json;
using System.Text.Unicode;
using CitizenBot.SharedKernel.Activities;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels;

/// <summary>Reads an activity from a request body and refuses what no channel should pass on.</summary>
public sealed class ActivityReader(IOptions<ChannelOptions> options)
{
    public async Task<(Activity? Activity, IResult? Problem)> ReadAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > options.Value.MaxRequestBytes)
        {
            return (null, ChannelProblems.Problem(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", "The request body is too large."));
        }

        if (request.ContentType is null || !request.ContentType.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return (null, ChannelProblems.Problem(StatusCodes.Status415UnsupportedMediaType, "UnsupportedMediaType", "Send the activity as application/json."));
        }

        Activity? activity;
        try
        {
            var body = await ReadBoundedAsync(request.Body, options.Value.MaxRequestBytes, cancellationToken);
            if (body is null)
            {
                return (null, ChannelProblems.Problem(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", "The request body is too large."));
            }

            // System.Text.Json checks UTF-8 only when a string is read, which for channelData happens deep inside a turn.
            if (!Utf8.IsValid(body))
            {
                return (null, ChannelProblems.BadRequest("MalformedJson", "The body is not valid UTF-8 JSON."));
            }

            // A2001: field names must be unique; a duplicate would otherwise break JsonObject later, as a server error.
            JsonDocument.Parse(body, new JsonDocumentOptions { AllowDuplicateProperties = false }).Dispose();

            activity = JsonSerializer.Deserialize<Activity>(body, ActivityJson.Options);
        }
        catch (JsonException)
        {
            return (null, ChannelProblems.BadRequest("MalformedJson", "The body is not a valid activity JSON object."));
        }

        return Validate(activity);
    }

    /// <summary>Reads at most <paramref name="maxBytes"/>; null when the body is longer, whatever Content-Length claimed.</summary>
    internal static async Task<byte[]?> ReadBoundedAsync(Stream body, int maxBytes, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > maxBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private (Activity? Activity, IResult? Problem) Validate(Activity? activity)
    {
        if (activity is null)
        {
            return (null, ChannelProblems.BadRequest("MissingActivity", "The body must be an activity object."));
        }

        if (string.IsNullOrWhiteSpace(activity.Type))
        {
            return (null, ChannelProblems.BadRequest("MissingType", "The activity needs a 'type'."));
        }

        if (activity.Text?.Length > options.Value.MaxTextLength)
        {
            return (null, ChannelProblems.BadRequest(
                "TextTooLong", $"The message is longer than {options.Value.MaxTextLength} characters. Please shorten it."));
        }

        return (activity, null);
    }
}
