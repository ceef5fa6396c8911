using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using CitizenBot.Insights;
using CitizenBot.Knowledge.Search;
using CitizenBot.Privacy;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.Options;

namespace CitizenBot.Answering.Generation;

/// <summary>
/// Lets the language model word a service answer, in the citizen's language and on request in Einfache Sprache, from the
/// sections the extractive answerer found and nothing else. Only service answers go to the model, only redacted questions
/// reach it, and an answer that fails the grounding check, a slow or failing model all end in the extractive answer.
/// </summary>
public sealed partial class GroundedAnswerer(
    KnowledgeAnswerer extractive,
    IKnowledgeSearch search,
    LanguageModel model,
    IPersonalDataRedactor redactor,
    CitizenTexts texts,
    IOptions<GenerationOptions> options,
    LanguageModelMetrics metrics,
    IncidentLog incidents,
    ILogger<GroundedAnswerer> logger) : IQuestionAnswerer
{
    public Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken) => AnswerOrQuoteAsync(question, drafts: null, cancellationToken);

    public Task<Answer> AnswerAsync(Question question, IAnswerDrafts drafts, CancellationToken cancellationToken) => AnswerOrQuoteAsync(question, drafts, cancellationToken);

    private async Task<Answer> AnswerOrQuoteAsync(Question question, IAnswerDrafts? drafts, CancellationToken cancellationToken)
    {
        if (question.Style == AnswerStyle.EasyGerman && await extractive.AnswerAsync(question, cancellationToken) is { Kind: AnswerKind.Service } editorsVersion)
        {
            // Leichte Sprache needs checking by people of its readership; the editors' version beats a model's wording.
            return editorsVersion;
        }

        var quoted = await extractive.AnswerAsync(question with { Style = AnswerStyle.Standard }, cancellationToken);
        if (quoted.Kind != AnswerKind.Service || quoted.Citations.Count == 0)
        {
            // Abstentions, ask-backs and refusals are fixed texts: nothing a model could improve, much it could get wrong.
            return quoted;
        }

        if (options.Value.Languages is { Count: > 0 } written && !written.Contains(question.Language))
        {
            // The model does not write this language well: the German source, framed in the citizen's language, is the honest answer.
            metrics.CountAnswer("language-not-served");
            return quoted;
        }

        quoted = quoted with { OffersSimplerWording = question.Style != AnswerStyle.Simple };
        var prepared = Prepare(question, quoted);
        if (prepared.Sources.Count == 0)
        {
            return quoted;
        }

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(options.Value.Timeout);
        string generated;
        try
        {
            generated = drafts is null
                ? await model.CompleteAsync(prepared.Prompt, deadline.Token)
                : await model.StreamAsync(prepared.Prompt, (text, token) => ShowDraftAsync(drafts, text, prepared, token), deadline.Token);
        }
        catch (Exception failure) when (!cancellationToken.IsCancellationRequested)
        {
            var reason = failure is OperationCanceledException ? "timeout" : "unavailable";
            logger.LogWarning("Language model {Outcome} ({FailureType}); sending the quoted answer", reason, failure.GetType().Name);
            metrics.CountAnswer(reason);
            await incidents.RecordAsync(IncidentKinds.ModelFallback, reason, CancellationToken.None);
            return quoted;
        }

        var verdict = GroundingCheck.Check(generated, prepared.Sources, prepared.CitizenText);
        if (!verdict.Passed)
        {
            logger.LogInformation("Generated answer failed the grounding check ({GroundingProblem}); sending the quoted answer", verdict.Problem);
            metrics.CountAnswer(verdict.Problem.ToString());
            await incidents.RecordAsync(IncidentKinds.ModelFallback, verdict.Problem.ToString(), CancellationToken.None);
            return quoted;
        }

        metrics.CountAnswer("generated");
        return Compose(generated, verdict.CitedNumbers, prepared.Sources, question.Language, quoted);
    }

    /// <summary>Everything the model call needs, built before it: sources, redacted question and prompt (the benchmark measures this step).</summary>
    public PreparedPrompt Prepare(Question question, Answer quoted)
    {
        var hits = quoted.Citations
            .Select(citation => search.Find(citation.KnowledgeId, question.Text, question.Language))
            .OfType<ServiceHit>();
        var sources = GroundingSource.From(hits, options.Value.MaximumSourceCharacters);
        var citizenText = redactor.Redact(question.Text).Text;
        return new PreparedPrompt(sources, citizenText, GroundedPrompt.Build(sources, citizenText, question.Language, question.Style));
    }

    /// <summary>The model's text, the note that a model worded it, and a Markdown link definition per cited source for Web Chat's citations.</summary>
    public Answer Compose(string generated, IReadOnlyList<int> cited, IReadOnlyList<GroundingSource> sources, string language, Answer quoted)
    {
        var used = cited.Select(number => sources.First(source => source.Number == number)).ToList();
        var titles = string.Join(", ", used.Select(source => source.Title).Distinct());
        var text = new StringBuilder(texts.Get(GenerationTextKeys.GeneratedAnswer, language)
            .Replace("{Title}", titles, StringComparison.Ordinal)
            .Replace("{Answer}", generated.Trim(), StringComparison.Ordinal));
        text.Append("\n\n");
        foreach (var source in used)
        {
            text.Append(CultureInfo.InvariantCulture, $"[{source.Number}]: {source.Url.AbsoluteUri} \"{Name(source).Replace('"', '\'')}\"\n");
        }

        return quoted with
        {
            Text = text.ToString().TrimEnd(),
            Citations = [.. used.Select(source => new Citation(source.Number, source.KnowledgeId, Name(source), source.Url, Abstract(source.Text)))],
        };
    }

    /// <summary>Shows the complete sentences so far, as long as they pass the same check as the final answer.</summary>
    private static async Task ShowDraftAsync(IAnswerDrafts drafts, string text, PreparedPrompt prepared, CancellationToken cancellationToken)
    {
        var end = SentenceEnd().Matches(text).LastOrDefault() is { } boundary ? boundary.Index + boundary.Length : 0;
        if (end == 0)
        {
            return;
        }

        var sentences = text[..end].TrimEnd();
        if (GroundingCheck.Check(sentences, prepared.Sources, prepared.CitizenText).Passed)
        {
            await drafts.ShowAsync(sentences, cancellationToken);
        }
    }

    private static string Name(GroundingSource source) => $"{source.Title} – {source.Heading}";

    private static string Abstract(string text)
    {
        var flat = text.ReplaceLineEndings(" ");
        return flat.Length <= 200 ? flat : string.Concat(flat.AsSpan(0, 197), "…");
    }

    [GeneratedRegex(@"(?:[.!?](?:\s*\[\d{1,3}(?:\s*,\s*\d{1,3})*\])*\s+|\n)")]
    private static partial Regex SentenceEnd();
}

/// <summary>The numbered sources, the question as the model sees it (redacted), and the prompt built from both.</summary>
public sealed record PreparedPrompt(IReadOnlyList<GroundingSource> Sources, string CitizenText, Microsoft.SemanticKernel.ChatCompletion.ChatHistory Prompt);
