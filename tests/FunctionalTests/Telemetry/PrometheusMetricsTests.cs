using System.Net;
using CitizenBot.FunctionalTests.Handoff;

namespace CitizenBot.FunctionalTests.Telemetry;

/// <summary>What an operator's Prometheus sees at /metrics after citizens talk to the bot.</summary>
public sealed class PrometheusMetricsTests : IDisposable
{
    private readonly HandoffBot _bot = new();

    [Fact]
    public async Task After_a_question_the_turn_latency_retrieval_and_answer_figures_are_scraped()
    {
        var citizen = await _bot.StartCitizenAsync();
        await citizen.AskAsync("Was kostet ein Reisepass?", "Reisepass");

        var metrics = await ScrapeAsync();

        PrometheusText.Sum(metrics, "citizenbot_turn_duration_seconds_count", ("activity_type", "message")).ShouldBeGreaterThanOrEqualTo(1);
        PrometheusText.Sum(metrics, "citizenbot_retrieval_duration_seconds_count").ShouldBeGreaterThanOrEqualTo(1);
        PrometheusText.Sum(metrics, "citizenbot_answers_total", ("outcome", "Service")).ShouldBeGreaterThanOrEqualTo(1);
    }

    [Fact]
    public async Task A_request_for_a_person_counts_one_handoff_with_its_reason()
    {
        var citizen = await _bot.StartCitizenAsync();
        var before = PrometheusText.Sum(await ScrapeAsync(), "citizenbot_handoffs_total", ("reason", "Request"));

        await citizen.AskAsync("Ich möchte mit einem Menschen sprechen", "Gesprächsverlauf");

        PrometheusText.Sum(await ScrapeAsync(), "citizenbot_handoffs_total", ("reason", "Request")).ShouldBeGreaterThanOrEqualTo(before + 1);
    }

    [Fact]
    public async Task The_queue_length_gauge_shows_the_citizen_waiting_for_a_person()
    {
        var citizen = await _bot.StartCitizenAsync();
        await citizen.AskAsync("Mensch", "Gesprächsverlauf");
        await citizen.AskAsync("Ja", "Platz **1**");

        var waiting = 0d;
        for (var attempt = 0; attempt < 50 && waiting < 1; attempt++)
        {
            _bot.Time.Advance(TimeSpan.FromSeconds(15));
            await Task.Delay(100);
            waiting = PrometheusText.Sum(await ScrapeAsync(), "citizenbot_handoff_queue_length");
        }

        waiting.ShouldBe(1);
    }

    [Fact]
    public async Task With_a_metrics_port_set_the_figures_are_not_served_on_the_public_port()
    {
        using var bot = new HandoffBot(settings: new Dictionary<string, string?> { ["Telemetry:MetricsPort"] = "9464" });

        var response = await bot.Http.GetAsync(new Uri("/metrics", UriKind.Relative));

        response.StatusCode.ShouldBe(HttpStatusCode.NotFound);
    }

    public void Dispose() => _bot.Dispose();

    private async Task<string> ScrapeAsync()
    {
        // The exporter caches a scrape briefly; a fresh request after the cache expires sees the latest figures.
        await Task.Delay(400);
        using var response = await _bot.Http.GetAsync(new Uri("/metrics", UriKind.Relative));
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        return await response.Content.ReadAsStringAsync();
    }
}
