using System.Globalization;
using System.Text;
using System.Text.Json;
using CitizenBot.Conversation.Understanding;

namespace CitizenBot.Evaluation;

/// <summary>One line of an understanding corpus: a message and the intent it must be understood as (person, people_only, crisis, injection, service, …).</summary>
public sealed record CorpusLine(string Text, string Lang, string Intent, IReadOnlyList<string>? Expected, string? Note)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Lines with an odd number in their file are for developing the word classes; the even ones judge them.</summary>
    public bool ForDevelopment { get; init; }

    /// <summary>Every line of every *.jsonl file in <paramref name="folder"/>.</summary>
    public static IReadOnlyList<CorpusLine> LoadFolder(string folder) =>
        [.. Directory.EnumerateFiles(folder, "*.jsonl").Order(StringComparer.Ordinal)
            .SelectMany(file => File.ReadLines(file).Where(line => !string.IsNullOrWhiteSpace(line)).Select((line, index) => (line, index)))
            .Select(numbered => (JsonSerializer.Deserialize<CorpusLine>(numbered.line, Json) ?? throw new InvalidDataException("Empty corpus line"))
                with { ForDevelopment = numbered.index % 2 == 0 })];
}

/// <summary>How well the understanding step tells requests for a person and attempts to steer it from everything else: precision and recall.</summary>
public sealed class UnderstandingCorpusReport(IReadOnlyList<(CorpusLine Line, Intent Understood)> results)
{
    private static readonly string[] PersonLabels = ["person", "people_only", "crisis"];

    public IReadOnlyList<(CorpusLine Line, Intent Understood)> Results { get; } = results;

    public static async Task<UnderstandingCorpusReport> RunAsync(IReadOnlyList<CorpusLine> lines, EvaluationBot bot, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(lines);
        ArgumentNullException.ThrowIfNull(bot);
        var results = new List<(CorpusLine, Intent)>();
        foreach (var line in lines)
        {
            results.Add((line, await bot.UnderstandAsync(line.Text, line.Lang, cancellationToken)));
        }

        return new UnderstandingCorpusReport(results);
    }

    /// <summary>Requests for a person (people only and crises included): handed over when they should be, and only then.</summary>
    public Figures Person => Score(line => PersonLabels.Contains(line.Intent), intent => intent.HandsOver);

    public Figures PeopleOnly => Score(line => line.Intent == "people_only", intent => intent.Kind == IntentKind.PeopleOnly);

    public Figures Crisis => Score(line => line.Intent == "crisis", intent => intent.Kind == IntentKind.Crisis);

    public Figures Injection => Score(line => line.Intent == "injection", intent => intent.Kind == IntentKind.Injection);

    /// <summary>Service questions the step left to the answer (not handed over, not refused, not out of scope).</summary>
    public double ServiceQuestionsKept
    {
        get
        {
            var services = Results.Where(result => result.Line.Intent == "service").ToList();
            return services.Count == 0 ? double.NaN : (double)services.Count(result => result.Understood.Kind == IntentKind.ServiceQuestion) / services.Count;
        }
    }

    public UnderstandingCorpusReport DevelopmentPart => new([.. Results.Where(result => result.Line.ForDevelopment)]);

    public UnderstandingCorpusReport CheckPart => new([.. Results.Where(result => !result.Line.ForDevelopment)]);

    /// <summary>Lines of the development part understood otherwise than labelled, for the editors of the word classes; the check part stays unread.</summary>
    public IEnumerable<string> Misses() =>
        Results.Where(result => result.Line.ForDevelopment && !Agrees(result.Line.Intent, result.Understood))
            .Select(result => $"{result.Line.Intent} → {result.Understood.Kind} ({result.Understood.Evidence}): {result.Line.Text}");

    public string ToTable()
    {
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"understanding corpus: {Results.Count} lines (development part {DevelopmentPart.Results.Count}, check part {CheckPart.Results.Count})");
        text.AppendLine("recognised as           part         precision  recall  (true positives / predicted / labelled)");
        foreach (var (part, report) in new[] { ("development", DevelopmentPart), ("check", CheckPart), ("all", this) })
        {
            foreach (var (name, figures) in new[] { ("person (any handoff)", report.Person), ("people only", report.PeopleOnly), ("crisis", report.Crisis), ("injection", report.Injection) })
            {
                text.AppendLine(CultureInfo.InvariantCulture,
                    $"{name,-23} {part,-12} {figures.Precision * 100,8:0.0}% {figures.Recall * 100,6:0.0}%  ({figures.TruePositives} / {figures.Predicted} / {figures.Labelled})");
            }
        }

        text.AppendLine(CultureInfo.InvariantCulture, $"service questions left to the answer: {ServiceQuestionsKept * 100:0.0}% (check part {CheckPart.ServiceQuestionsKept * 100:0.0}%)");
        return text.ToString();
    }

    private static bool Agrees(string label, Intent understood) => label switch
    {
        "person" => understood.Kind == IntentKind.AskForPerson,
        "people_only" => understood.Kind == IntentKind.PeopleOnly,
        "crisis" => understood.Kind == IntentKind.Crisis,
        "injection" => understood.Kind == IntentKind.Injection,
        "service" => understood.Kind == IntentKind.ServiceQuestion,
        "out_of_scope" => understood.Kind == IntentKind.OutOfScope,
        _ => !understood.HandsOver && understood.Kind != IntentKind.Injection,
    };

    private Figures Score(Func<CorpusLine, bool> labelled, Func<Intent, bool> predicted)
    {
        var truePositives = Results.Count(result => labelled(result.Line) && predicted(result.Understood));
        return new Figures(truePositives, Results.Count(result => predicted(result.Understood)), Results.Count(result => labelled(result.Line)));
    }

    /// <summary>Precision and recall of one recognition.</summary>
    public sealed record Figures(int TruePositives, int Predicted, int Labelled)
    {
        public double Precision => Predicted == 0 ? 1 : (double)TruePositives / Predicted;

        public double Recall => Labelled == 0 ? 1 : (double)TruePositives / Labelled;
    }
}
