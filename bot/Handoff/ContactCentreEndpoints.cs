using System.Globalization;
using System.Text.Json;
using CitizenBot.Channels;
using Microsoft.Extensions.Options;

namespace CitizenBot.Handoff;

/// <summary>
/// The inbound webhook a contact centre calls with its agents' replies and the case status. Only signed, fresh,
/// never-seen deliveries act; anything else is refused with problem+json and changes nothing.
/// </summary>
public static class ContactCentreEndpoints
{
    public const string Path = "/api/handoff/contact-centre";

    private const int MaxBodyBytes = 64 * 1024;

    public static IEndpointRouteBuilder MapContactCentre(this IEndpointRouteBuilder app)
    {
        app.MapPost(Path, ReceiveAsync);
        return app;
    }

    private static async Task<IResult> ReceiveAsync(
        HttpContext http,
        IOptions<ContactCentreOptions> options,
        HandoffStore store,
        AgentDesk desk,
        HandoffStatusReceiver statuses,
        TimeProvider time,
        ILogger<ContactCentreWebhook> logger,
        CancellationToken cancellationToken)
    {
        var settings = options.Value;
        if (!settings.Enabled)
        {
            return ChannelProblems.NotFound("ContactCentreNotConfigured", "No contact centre is configured.");
        }

        var body = new MemoryStream();
        var buffer = new byte[8192];
        int read;
        while ((read = await http.Request.Body.ReadAsync(buffer, cancellationToken)) > 0)
        {
            body.Write(buffer, 0, read);
            if (body.Length > MaxBodyBytes)
            {
                return ChannelProblems.Problem(StatusCodes.Status413PayloadTooLarge, "PayloadTooLarge", $"A webhook body may have at most {MaxBodyBytes} bytes.");
            }
        }

        var bytes = body.ToArray();
        if (!long.TryParse(http.Request.Headers[WebhookSignature.TimestampHeader], NumberStyles.None, CultureInfo.InvariantCulture, out var timestamp)
            || !WebhookSignature.IsValid(settings.Secret!, timestamp, bytes, http.Request.Headers[WebhookSignature.SignatureHeader]))
        {
            logger.LogWarning("Refused a contact centre webhook with a missing or wrong signature");
            return ChannelProblems.Unauthorized("SignatureInvalid", "The signature does not match the body and timestamp.");
        }

        if (Math.Abs(time.GetUtcNow().ToUnixTimeSeconds() - timestamp) > settings.TimestampTolerance.TotalSeconds)
        {
            return ChannelProblems.Unauthorized("TimestampOutOfRange", "The signed timestamp is too far from the bot's clock.");
        }

        ContactCentreMessage? message;
        try
        {
            message = JsonSerializer.Deserialize<ContactCentreMessage>(bytes, JsonSerializerOptions.Web);
        }
        catch (JsonException)
        {
            message = null;
        }

        if (message?.Id is not { Length: > 0 } || message.CaseId is null || message.Type is null)
        {
            return ChannelProblems.BadRequest("MalformedWebhook", "A webhook needs id, type and caseId.");
        }

        if (!await store.RememberWebhookDeliveryAsync(message.Id, cancellationToken))
        {
            logger.LogWarning("Refused a replayed contact centre webhook {DeliveryId}", message.Id);
            return ChannelProblems.Problem(StatusCodes.Status409Conflict, "Replayed", $"Delivery {message.Id} was received before.");
        }

        var staff = new StaffMember(message.Agent ?? "contact-centre", Supervises: true);
        var result = message.Type switch
        {
            "reply" => (await desk.ReplyAsync(message.CaseId, staff, message.Text, cancellationToken)).Problem,
            "status" => await statuses.ApplyAsync(message.CaseId, message.State, staff, cancellationToken),
            _ => new DeskProblem(StatusCodes.Status400BadRequest, "UnknownWebhookType", "type must be reply or status (accepted, completed, failed)."),
        };
        return result is null ? Results.Ok(new { received = message.Id }) : ChannelProblems.Problem(result.Status, result.Code, result.Detail);
    }
}

/// <summary>What a contact centre sends: a reply for the citizen, or a status (accepted, completed, failed).</summary>
public sealed record ContactCentreMessage(string? Id, string? Type, string? CaseId, string? State, string? Text, string? Agent);
