using System.Text.Json;
using System.Text.Json.Serialization;

namespace CitizenBot.Evaluation;

/// <summary>One line of an evaluation set (JSON Lines): a question, what kind it is, what a good answer contains and, where given, the channel it came through and the personal data it carries.</summary>
public sealed record EvaluationQuestion(
    string Id,
    string Kind,
    string Lang,
    string Question,
    IReadOnlyList<string> Expected,
    string? Style,
    [property: JsonPropertyName("answer_contains")] IReadOnlyList<string>? AnswerContains,
    [property: JsonPropertyName("must_not_contain")] IReadOnlyList<string>? MustNotContain,
    string? Channel = null,
    IReadOnlyList<string>? Pii = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static IReadOnlyList<EvaluationQuestion> Load(string path) =>
        [.. File.ReadLines(path)
            .Where(line => !string.IsNullOrWhiteSpace(line))
            .Select(line => JsonSerializer.Deserialize<EvaluationQuestion>(line, Json)
                ?? throw new InvalidDataException($"Empty evaluation line in {path}"))];
}
