using System.Net;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.FunctionalTests.Privacy;

/// <summary>The background job deletes conversations once the configured retention has passed, and not a day earlier.</summary>
public sealed class RetentionTests : IDisposable
{
    private readonly FakeTimeProvider _time = new(DateTimeOffset.UtcNow);
    private readonly CitizenBotFactory _factory = new(settings: new Dictionary<string, string?>
    {
        ["Privacy:RetentionDays"] = "30",
        ["Privacy:RetentionCheckInterval"] = "01:00:00",
    });

    [Fact]
    public async Task A_conversation_is_kept_for_the_retention_period_and_deleted_after_it()
    {
        using var app = _factory.WithWebHostBuilder(builder =>
            builder.ConfigureTestServices(services => services.AddSingleton<TimeProvider>(_time)));
        var client = await DirectLineTestClient.FromWebChatTokenAsync(app.CreateClient());
        var id = (await client.StartConversationAsync()).ConversationId();
        await client.PostMessageAsync(id, "Ich heiße Jonas Berger und brauche einen Reisepass.");
        await client.WaitForBotMessagesAsync(id, 2);

        _time.Advance(TimeSpan.FromDays(29));
        var kept = await StatusAfterChecksAsync(app, id, HttpStatusCode.NotFound);
        _time.Advance(TimeSpan.FromDays(2));
        var deleted = await StatusAfterChecksAsync(app, id, HttpStatusCode.NotFound);

        kept.ShouldBe(HttpStatusCode.OK);
        deleted.ShouldBe(HttpStatusCode.NotFound);
    }

    public void Dispose() => _factory.Dispose();

    /// <summary>
    /// The export's status once the job's timer has run: polls, bounded, until <paramref name="awaited"/> or 3 seconds.
    /// Signed in anew each time, since the clock has moved past any earlier session.
    /// </summary>
    private static async Task<HttpStatusCode> StatusAfterChecksAsync(WebApplicationFactory<Program> app, string id, HttpStatusCode awaited)
    {
        var privacy = await app.SignedInClientAsync("privacy");
        var status = HttpStatusCode.OK;
        for (var attempt = 0; attempt < 30 && status != awaited; attempt++)
        {
            await Task.Delay(100);
            status = (await privacy.GetAsync($"/admin/conversations/{id}")).StatusCode;
        }

        return status;
    }
}
