using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.Extensions.Options;

namespace CitizenBot.FunctionalTests.Handoff;

/// <summary>A city's own contact centre instead of our desk: signed outbound events with retries, signed inbound replies, forgeries and replays refused.</summary>
public sealed class ContactCentreTests : IAsyncLifetime, IDisposable
{
    private const string Secret = "contact-centre-shared-secret-0123456789";
    private FakeContactCentre _centre = null!;
    private HandoffBot _bot = null!;

    public async Task InitializeAsync()
    {
        _centre = await FakeContactCentre.StartAsync();
        _bot = new HandoffBot(settings: new Dictionary<string, string?>
        {
            ["Handoff:ContactCentre:Url"] = _centre.Url,
            ["Handoff:ContactCentre:Secret"] = Secret,
            ["Handoff:ContactCentre:RetryDelay"] = "00:00:00.050",
        });
    }

    [Fact]
    public void The_bot_does_not_start_with_a_contact_centre_URL_but_no_secret()
    {
        var failure = Should.Throw<OptionsValidationException>(
            () => new HandoffBot(settings: new Dictionary<string, string?> { ["Handoff:ContactCentre:Url"] = "http://127.0.0.1:9/webhook" }).Dispose());

        failure.Message.ShouldContain("Handoff:ContactCentre:Secret");
    }

    [Fact]
    public async Task A_queued_citizen_is_posted_signed_with_an_idempotency_key_and_retried_through_an_outage()
    {
        _centre.FailNext(2);

        var (_, caseId) = await AgentDeskTests.QueuedCitizenAsync(_bot);

        var delivered = await _centre.WaitForAsync("handoff.initiate");
        delivered.Json["caseId"]!.GetValue<string>().ShouldBe(caseId);
        delivered.Json["attachments"]![0]!["contentType"]!.GetValue<string>().ShouldBe("application/vnd.microsoft.activity.transcript");
        delivered.Signature.ShouldBe(Sign(delivered.Timestamp, delivered.Body));
        var attempts = _centre.Received.Where(r => r.IdempotencyKey == delivered.IdempotencyKey).ToList();
        attempts.Select(a => a.Status).ShouldBe([503, 503, 200]);
        attempts.ShouldAllBe(a => a.Body == delivered.Body, "every retry carries the same event");
    }

    [Fact]
    public async Task Signed_accept_and_reply_reach_the_citizen_as_city_staff_and_citizen_messages_go_back()
    {
        var (citizen, caseId) = await AgentDeskTests.QueuedCitizenAsync(_bot);

        (await PostAsync(new JsonObject { ["id"] = "d1", ["type"] = "status", ["caseId"] = caseId, ["state"] = "accepted", ["agent"] = "Frau Huber" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        await citizen.WaitForTextAsync("hat Ihr Anliegen übernommen");
        await citizen.SayAsync("Ich brauche einen Termin");
        (await _centre.WaitForAsync("message", m => m["text"]?.GetValue<string>() == "Ich brauche einen Termin")).Json["caseId"]!
            .GetValue<string>().ShouldBe(caseId);
        (await PostAsync(new JsonObject { ["id"] = "d2", ["type"] = "reply", ["caseId"] = caseId, ["text"] = "Gern, morgen um 9?", ["agent"] = "Frau Huber" }))
            .StatusCode.ShouldBe(HttpStatusCode.OK);

        (await citizen.WaitForTextAsync("Gern, morgen um 9?")).HasAiLabel().ShouldBeFalse();
        await _centre.WaitForAsync("handoff.status", m => m["value"]!["state"]!.GetValue<string>() == "accepted");
    }

    [Fact]
    public async Task A_forged_stale_or_replayed_webhook_is_refused_and_changes_nothing()
    {
        var (citizen, caseId) = await AgentDeskTests.QueuedCitizenAsync(_bot);
        var accept = new JsonObject { ["id"] = "d-accept", ["type"] = "status", ["caseId"] = caseId, ["state"] = "accepted" };

        await (await PostAsync(accept, signature: "sha256=" + new string('0', 64))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "SignatureInvalid");
        await (await PostAsync(accept, signature: "")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "SignatureInvalid");
        await (await PostAsync(accept, timestamp: _bot.Time.GetUtcNow().AddMinutes(-10))).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "TimestampOutOfRange");
        (await citizen.BotMessagesAsync()).ShouldNotContain(m => m.Text()!.Contains("übernommen"), "nothing forged reached the citizen");

        (await PostAsync(accept)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var replay = new JsonObject { ["id"] = "d-accept", ["type"] = "reply", ["caseId"] = caseId, ["text"] = "Wiederholt" };
        await (await PostAsync(replay)).ShouldBeProblemAsync(HttpStatusCode.Conflict, "Replayed");
        (await citizen.BotMessagesAsync()).ShouldNotContain(m => m.Text() == "Wiederholt");
    }

    private async Task<HttpResponseMessage> PostAsync(JsonObject message, string? signature = null, DateTimeOffset? timestamp = null)
    {
        var body = message.ToJsonString();
        var unix = (timestamp ?? _bot.Time.GetUtcNow()).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/handoff/contact-centre") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add("X-CitizenBot-Timestamp", unix);
        request.Headers.Add("X-CitizenBot-Signature", signature ?? Sign(unix, body));
        return await _bot.Http.SendAsync(request);
    }

    // Written from the documented scheme, independent of the bot's code: HMAC-SHA256 over "{timestamp}.{body}", hex, "sha256=" prefix.
    private static string Sign(string timestamp, string body) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(Secret), Encoding.UTF8.GetBytes($"{timestamp}.{body}")));

    public async Task DisposeAsync() => await _centre.DisposeAsync();

    public void Dispose() => _bot.Dispose();
}
