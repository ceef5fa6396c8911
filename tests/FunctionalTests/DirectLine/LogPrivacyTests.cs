using CitizenBot.FunctionalTests.Infrastructure;

namespace CitizenBot.FunctionalTests.DirectLine;

/// <summary>What citizens type is personal data: it is stored for the conversation, but never written to the logs.</summary>
[Collection(nameof(LogCapture))]
public sealed class LogPrivacyTests : IDisposable
{
    private readonly CapturedLogs _logs = new();
    private readonly CitizenBotFactory _factory = new();

    [Fact]
    public async Task Message_text_never_appears_in_the_logs_even_at_the_most_verbose_level()
    {
        using var app = _factory.WithWebHostBuilder(_logs.CaptureEverything);
        var client = await DirectLineTestClient.FromWebChatTokenAsync(app.CreateClient());
        var id = (await client.StartConversationAsync()).ConversationId();

        await (await client.PostMessageAsync(id, "Ich heiße Zebra-Quokka, meine IBAN ist DE02120300000000202051")).ReadObjectAsync();
        await (await client.PostMessageAsync(id, new string('ü', 2001))).Content.ReadAsStringAsync();

        _logs.Lines.ShouldContain(line => line.StartsWith("Sent \"message\"", StringComparison.Ordinal) && line.Contains(id, StringComparison.Ordinal));
        _logs.Lines.ShouldNotContain(line => line.Contains("Zebra-Quokka", StringComparison.Ordinal));
        _logs.Lines.ShouldNotContain(line => line.Contains("DE02120300000000202051", StringComparison.Ordinal));
        _logs.Lines.ShouldNotContain(line => line.Contains("üüüüüüüüüü", StringComparison.Ordinal));
    }

    public void Dispose() => _factory.Dispose();
}

/// <summary>
/// Serilog's AddSerilog routes ILogger through the static Log.Logger, which the last started host sets:
/// log capture runs alone, after the parallel tests, so it sees its own host's events.
/// </summary>
[CollectionDefinition(nameof(LogCapture), DisableParallelization = true)]
public sealed class LogCapture;
