using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace CitizenBot.Telemetry;

/// <summary>
/// The bot's own traces and metrics, all under the one name "CitizenBot": a span per turn with its answer, retrieval and
/// delivery, and the figures operators watch. Tags carry kinds and counts only, never message text or who wrote it.
/// </summary>
public sealed class CitizenBotTelemetry
{
    public const string Name = "CitizenBot";

    private static readonly ActivitySource Source = new(Name);

    private readonly Histogram<double> _turnDuration;
    private readonly Histogram<double> _retrievalDuration;
    private readonly Counter<long> _handoffs;
    private readonly Counter<long> _answers;

    public CitizenBotTelemetry(IMeterFactory meters)
    {
        ArgumentNullException.ThrowIfNull(meters);
        var meter = meters.Create(Name);
        _turnDuration = meter.CreateHistogram<double>("citizenbot.turn.duration", "s", "Time from receiving an activity until the bot's replies to it are delivered.");
        _retrievalDuration = meter.CreateHistogram<double>("citizenbot.retrieval.duration", "s", "Time one search of the service descriptions takes.");
        _handoffs = meter.CreateCounter<long>("citizenbot.handoffs", "{handoff}", "Requests for a person the bot started, by reason.");
        _answers = meter.CreateCounter<long>("citizenbot.answers", "{answer}", "Replies to citizens' questions, by outcome (service answer, ask-back, no reliable answer, ...).");
    }

    /// <summary>The span of one incoming activity; the answer, retrieval and delivery spans nest under it.</summary>
    public static Activity? StartTurn(string activityType, string transport) =>
        Source.StartActivity("citizenbot.turn")?
            .SetTag("citizenbot.activity.type", activityType)
            .SetTag("citizenbot.transport", transport);

    public static Activity? StartAnswer() => Source.StartActivity("citizenbot.answer");

    public static Activity? StartRetrieval(string language, int top) =>
        Source.StartActivity("citizenbot.retrieval")?
            .SetTag("citizenbot.language", language)
            .SetTag("citizenbot.retrieval.top", top);

    public static Activity? StartDelivery(string activityType, string transport) =>
        Source.StartActivity("citizenbot.deliver")?
            .SetTag("citizenbot.activity.type", activityType)
            .SetTag("citizenbot.transport", transport);

    public void RecordTurn(TimeSpan duration, string activityType, string transport, bool failed) =>
        _turnDuration.Record(
            duration.TotalSeconds,
            new KeyValuePair<string, object?>("activity.type", activityType),
            new KeyValuePair<string, object?>("transport", transport),
            new KeyValuePair<string, object?>("failed", failed));

    public void RecordRetrieval(TimeSpan duration, string language) =>
        _retrievalDuration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("language", language));

    public void CountHandoff(string reason) => _handoffs.Add(1, new KeyValuePair<string, object?>("reason", reason));

    public void CountAnswer(string outcome, string language) =>
        _answers.Add(1, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("language", language));
}
