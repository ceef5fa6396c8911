using System.Collections.Concurrent;
using System.Text;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CitizenBot.FunctionalTests.Telemetry;

/// <summary>With Telemetry:OtlpEndpoint set, the bot pushes its spans and metrics to a collector over OTLP/HTTP with protobuf bodies.</summary>
public sealed class OtlpExportTests
{
    private const string Question = "Was kostet ein Reisepass?";

    [Fact]
    public async Task A_conversation_reaches_the_collector_as_turn_spans_and_metrics_without_the_message_text()
    {
        var received = new ConcurrentBag<(string Path, string? ContentType, byte[] Body)>();
        await using var collector = await LoopbackServer.StartAsync(app =>
        {
            app.MapPost("/v1/{signal}", async (HttpContext context) =>
            {
                using var body = new MemoryStream();
                await context.Request.Body.CopyToAsync(body);
                received.Add((context.Request.Path, context.Request.ContentType, body.ToArray()));
                // An empty ExportTraceServiceResponse / ExportMetricsServiceResponse is a zero-length protobuf message.
                context.Response.ContentType = "application/x-protobuf";
            });
        });

        // The SDK reads its standard OTEL_* settings from configuration: export every few hundred milliseconds instead of every 5 s / 60 s.
        using var bot = new CitizenBotFactory(settings: new Dictionary<string, string?>
        {
            ["Telemetry:OtlpEndpoint"] = collector.BaseUrl,
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        });
        var client = await DirectLineTestClient.FromWebChatTokenAsync(bot.CreateClient());
        var conversationId = (await client.StartConversationAsync()).ConversationId();
        await client.WaitForBotMessagesAsync(conversationId, 1);
        (await client.PostMessageAsync(conversationId, Question)).EnsureSuccessStatusCode();
        await client.WaitForBotMessagesAsync(conversationId, 2);

        // The turn's span ends after its reply is stored; wait (bounded) until the collector has it and the metrics.
        string[] expected = ["citizenbot.turn", "citizenbot.answer", "citizenbot.retrieval", "citizenbot.deliver"];
        for (var attempt = 0; attempt < 150 && !Arrived(received, expected); attempt++)
        {
            await Task.Delay(200);
        }

        var traces = Signal(received, "/v1/traces");
        var metrics = Signal(received, "/v1/metrics");
        traces.ShouldNotBeEmpty("the collector received nothing at /v1/traces");
        metrics.ShouldNotBeEmpty("the collector received nothing at /v1/metrics");
        received.Where(post => post.Path is "/v1/traces" or "/v1/metrics").ShouldAllBe(post => post.ContentType == "application/x-protobuf");
        traces.ShouldContain("citizenbot.turn");
        traces.ShouldContain("citizenbot.answer");
        traces.ShouldContain("citizenbot.retrieval");
        traces.ShouldContain("citizenbot.deliver");
        traces.ShouldNotContain("Reisepass", customMessage: "spans carry kinds and counts, never what the citizen wrote");
        metrics.ShouldContain("citizenbot.turn.duration");
        metrics.ShouldContain("citizenbot.retrieval.duration");
    }

    private static bool Arrived(IEnumerable<(string Path, string? ContentType, byte[] Body)> received, string[] spans) =>
        spans.All(span => Signal(received, "/v1/traces").Contains(span, StringComparison.Ordinal))
        && Signal(received, "/v1/metrics").Contains("citizenbot.retrieval.duration", StringComparison.Ordinal);

    /// <summary>The protobuf bodies of one signal so far; names are plain UTF-8 strings inside them.</summary>
    private static string Signal(IEnumerable<(string Path, string? ContentType, byte[] Body)> received, string path) =>
        string.Concat(received.Where(post => post.Path == path).Select(post => Encoding.UTF8.GetString(post.Body)));
}
