using System.Diagnostics.Metrics;
using CitizenBot.Telemetry;
using OpenAI.Chat;

namespace CitizenBot.Answering.Generation;

/// <summary>What the language model costs and how it behaves: tokens, latency and how often the bot fell back to quoting.</summary>
public sealed class LanguageModelMetrics
{
    private readonly Counter<long> _tokens;
    private readonly Histogram<double> _duration;
    private readonly Counter<long> _answers;

    public LanguageModelMetrics(IMeterFactory meters)
    {
        // One meter for all of the bot's figures, so one AddMeter exports them.
        var meter = meters.Create(CitizenBotTelemetry.Name);
        _tokens = meter.CreateCounter<long>("citizenbot.model.tokens", "{token}", "Tokens sent to and received from the language model.");
        _duration = meter.CreateHistogram<double>("citizenbot.model.duration", "s", "Time of one language model call, retries included.");
        _answers = meter.CreateCounter<long>("citizenbot.model.answers", "{answer}", "Service answers on the model path, by outcome (generated or the reason for falling back).");
    }

    public void CountTokens(ChatTokenUsage? usage)
    {
        if (usage is null)
        {
            return;
        }

        _tokens.Add(usage.InputTokenCount, new KeyValuePair<string, object?>("direction", "input"));
        _tokens.Add(usage.OutputTokenCount, new KeyValuePair<string, object?>("direction", "output"));
    }

    public void RecordDuration(TimeSpan duration, string outcome, bool streamed) =>
        _duration.Record(duration.TotalSeconds, new KeyValuePair<string, object?>("outcome", outcome), new KeyValuePair<string, object?>("streamed", streamed));

    public void CountAnswer(string outcome) => _answers.Add(1, new KeyValuePair<string, object?>("outcome", outcome));
}
