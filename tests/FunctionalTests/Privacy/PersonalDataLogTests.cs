using System.Net;
using CitizenBot.FunctionalTests.DirectLine;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CitizenBot.FunctionalTests.Privacy;

/// <summary>Conversations full of personal data leave none of it in any log event, and the app's redaction catches what code might log.</summary>
[Collection(nameof(LogCapture))]
public sealed partial class PersonalDataLogTests : IDisposable
{
    private static readonly string[] Personal =
        ["Jonas Berger", "0176 12345678", "jonas.berger@example.org", "DE02 1203 0000 0000 2020 51", "Lindwurmstraße 88", "T22000129", "04.02.1985", "86 095 742 719"];

    private readonly CapturedLogs _logs = new();
    private readonly CitizenBotFactory _factory = new();

    [Fact]
    public async Task No_personal_data_appears_in_any_log_event()
    {
        using var app = _factory.WithWebHostBuilder(_logs.CaptureEverything);
        var client = await DirectLineTestClient.FromWebChatTokenAsync(app.CreateClient());
        var id = (await client.StartConversationAsync()).ConversationId();
        await client.PostMessageAsync(id, "Mein Name ist Jonas Berger, Tel. 0176 12345678, Mail jonas.berger@example.org. Wie melde ich mich um?");
        await client.PostMessageAsync(id, "IBAN DE02 1203 0000 0000 2020 51, Lindwurmstraße 88, Ausweis T22000129, geb. 04.02.1985, Steuer-ID 86 095 742 719");
        await client.PostMessageAsync(id, "Mensch");
        await client.WaitForBotMessagesAsync(id, 4);
        // Code that logged a citizen's words by mistake: the redaction in front of every sink still hides them.
        var logger = app.Services.GetRequiredService<ILogger<PersonalDataLogTests>>();
        LogMistake(logger, "Jonas Berger", "jonas.berger@example.org, 0176 12345678");
        (await (await app.SignedInClientAsync("privacy")).DeleteAsync($"/admin/conversations/{id}")).StatusCode.ShouldBe(HttpStatusCode.NoContent);

        _logs.Lines.ShouldContain(line => line.Contains("[NAME]", StringComparison.Ordinal));
        foreach (var personal in Personal)
        {
            _logs.Lines.ShouldNotContain(line => line.Contains(personal, StringComparison.Ordinal), personal);
        }
    }

    public void Dispose() => _factory.Dispose();

    [LoggerMessage(Level = LogLevel.Warning, Message = "A careless log line about {Citizen} reachable at {Contact}")]
    private static partial void LogMistake(ILogger logger, string citizen, string contact);
}
