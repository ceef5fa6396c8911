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

        using (var bot = new CitizenBotFactory(settings: new Dictionary<string, string?> { ["Telemetry:OtlpEndpoint"] = collector.BaseUrl }))
        {
            var client = await DirectLineTestClient.FromWebChatTokenAsync(bot.CreateClient());
            var conversationId = (await client.StartConversationAsync()).ConversationId();
            await client.WaitForBotMessagesAsync(conversationId, 1);
            (await client.PostMessageAsync(conversationId, Question)).EnsureSuccessStatusCode();
            await client.WaitForBotMessagesAsync(conversationId, 2);
        }

        // Disposing the bot flushed both exporters.
        var traces = Signal(received, "/v1/traces");
        var metrics = Signal(received, "/v1/metrics");
        received.Where(post => post.Path is "/v1/traces" or "/v1/metrics").ShouldAllBe(post => post.ContentType == "application/x-protobuf");
        traces.ShouldContain("citizenbot.turn");
        traces.ShouldContain("citizenbot.answer");
        traces.ShouldContain("citizenbot.retrieval");
        traces.ShouldContain("citizenbot.deliver");
        traces.ShouldNotContain("Reisepass", customMessage: "spans carry kinds and counts, never what the citizen wrote");
        metrics.ShouldContain("citizenbot.turn.duration");
        metrics.ShouldContain("citizenbot.retrieval.duration");
    }

    /// <summary>The protobuf bodies of one signal; names are plain UTF-8 strings inside them.</summary>
    private static string Signal(IEnumerable<(string Path, string? ContentType, byte[] Body)> received, string path)
    {
        var bodies = received.Where(post => post.Path == path).Select(post => Encoding.UTF8.GetString(post.Body)).ToList();
        bodies.ShouldNotBeEmpty($"the collector received nothing at {path}");
        return string.Concat(bodies);
    }
}
