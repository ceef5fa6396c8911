using CitizenBot.FunctionalTests.DirectLine;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace CitizenBot.FunctionalTests.Channels;

/// <summary>Messenger traffic is logged by kind and id only: never what citizens wrote, never the channel credentials.</summary>
[Collection(nameof(LogCapture))]
public sealed class MessengerLogPrivacyTests : IAsyncLifetime, IDisposable
{
    private const string Personal = "Ich heiße Zebra-Quokka, IBAN DE02120300000000202051";

    private readonly CapturedLogs _logs = new();
    private FakeTelegramBotApi _telegram = null!;
    private FakeMatrixHomeserver _matrix = null!;
    private CitizenBotFactory _factory = null!;

    public async Task InitializeAsync()
    {
        _telegram = await FakeTelegramBotApi.StartAsync();
        _matrix = await FakeMatrixHomeserver.StartAsync();
        _factory = new CitizenBotFactory(settings: new Dictionary<string, string?>(FakeTelegramBotApi.Settings(_telegram).Concat(FakeMatrixHomeserver.Settings(_matrix))));
    }

    [Fact]
    public async Task Neither_message_text_nor_tokens_appear_in_the_logs_even_at_the_most_verbose_level()
    {
        using var app = _factory.WithWebHostBuilder(builder =>
        {
            builder.UseSetting("Serilog:MinimumLevel:Default", "Verbose");
            builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(_logs));
        });
        using var http = app.CreateClient();
        var edited = _telegram.TextUpdate(Personal);
        edited["edited_message"] = edited["message"]!.DeepClone();
        edited.Remove("message");

        await FakeTelegramBotApi.PostUpdateAsync(http, _telegram.TextUpdate(Personal));
        await FakeTelegramBotApi.PostUpdateAsync(http, edited);
        await FakeMatrixHomeserver.PushAsync(http, _matrix.NextTransactionId(), [FakeMatrixHomeserver.TextMessage(Personal)]);

        _telegram.SentMessages.ShouldNotBeEmpty();
        _matrix.SentMessages.ShouldNotBeEmpty();
        _logs.Lines.ShouldContain(line => line.StartsWith("Ignored Telegram update", StringComparison.Ordinal));
        _logs.Lines.ShouldNotContain(line => line.Contains("Zebra-Quokka", StringComparison.Ordinal));
        _logs.Lines.ShouldNotContain(line => line.Contains("DE02120300000000202051", StringComparison.Ordinal));
        _logs.Lines.ShouldNotContain(line => line.Contains(FakeTelegramBotApi.BotToken.Split(':')[1], StringComparison.Ordinal));
        _logs.Lines.ShouldNotContain(line => line.Contains(FakeMatrixHomeserver.AsToken, StringComparison.Ordinal));
        _logs.Lines.ShouldNotContain(line => line.Contains(FakeMatrixHomeserver.HsToken, StringComparison.Ordinal));
    }

    public async Task DisposeAsync()
    {
        await _telegram.DisposeAsync();
        await _matrix.DisposeAsync();
    }

    public void Dispose() => _factory.Dispose();
}
