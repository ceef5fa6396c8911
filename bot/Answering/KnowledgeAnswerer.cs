using CitizenBot.Answering.Generation;
using CitizenBot.Knowledge.Search;
using CitizenBot.Privacy;
using CitizenBot.Transparency;
using Microsoft.Extensions.Options;

namespace CitizenBot.Answering;

/// <summary>
/// Answers from the knowledge folder without a language model: recognise what must not be answered from a source,
/// search, decide by calibrated confidence whether to answer, ask back or admit there is no reliable answer, then compose.
/// </summary>
public sealed class KnowledgeAnswerer(IKnowledgeSearch search, AnswerComposer composer, CitizenTexts texts, IOptions<AnsweringOptions> options) : IQuestionAnswerer
{
    private const int Candidates = 5;

    public async Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = Shortened(question.Text);
        return Before(question, text) ?? Decide(question, text, await search.SearchAsync(text, question.Language, Candidates, cancellationToken));
    }

    /// <summary>The answer from the word search alone, without waiting for any outside service (evaluation, benchmarks, tests).</summary>
    public Answer Answer(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        var text = Shortened(question.Text);
        return Before(question, text) ?? Decide(question, text, search.Search(text, question.Language, Candidates));
    }

    /// <summary>The question as the search should see it: without redaction placeholders and their labels, and no longer than any real question.</summary>
    private string Shortened(string text)
    {
        var asked = Placeholders.Remove(text);
        return asked.Length > options.Value.MaximumQuestionLength ? asked[..options.Value.MaximumQuestionLength] : asked;
    }

    /// <summary>The replies that need no search: a picked service, an empty message, an instruction, a wish for a human.</summary>
    private Answer? Before(Question question, string text)
    {
        if (question.Style != AnswerStyle.Standard)
        {
            // Other wording needs the language model; without it the bot says so instead of pretending.
            return Reply(question.Style == AnswerStyle.Simple ? GenerationTextKeys.SimplerWordingUnavailable : GenerationTextKeys.TranslationUnavailable, AnswerKind.StyleUnavailable, question);
        }

        if (question.KnowledgeId is { } chosen && search.Find(chosen, text, question.Language) is { } picked)
        {
            return composer.Compose(picked, question, 1) with { RankedServiceIds = [chosen] };
        }

        if (!QuestionIntents.HasWords(text))
        {
            return Reply(TextKeys.EmptyQuestion, AnswerKind.EmptyQuestion, question);
        }

        if (QuestionIntents.TriesToInstructBot(text))
        {
            return Reply(TextKeys.Refusal, AnswerKind.Refusal, question);
        }

        if (QuestionIntents.AsksWhetherBotIsHuman(text))
        {
            return Reply(TextKeys.AiDisclosure, AnswerKind.AiDisclosure, question);
        }

        if (QuestionIntents.AsksForHuman(text))
        {
            return Reply(TextKeys.HumanOffer, AnswerKind.HumanOffer, question);
        }

        return null;
    }

    private Answer Decide(Question question, string text, SearchResults results)
    {
        var settings = options.Value;
        var ranked = results.Hits.Select(hit => hit.Document.Id).ToList();
        var confidence = AnswerConfidence.Of(results);
        if (confidence < settings.MinimumConfidence && confidence >= settings.AskBackFromConfidence && results.Hits.Count > 1)
        {
            // Unsure which, but the services are plausible: offering them beats saying nothing.
            return composer.AskBack([.. results.Hits.Take(3)], question, confidence) with { RankedServiceIds = ranked };
        }

        if (confidence < settings.MinimumConfidence)
        {
            return Reply(TextKeys.NoReliableAnswer, AnswerKind.NoReliableAnswer, question) with { Confidence = confidence, RankedServiceIds = ranked };
        }

        var top = results.Hits[0];
        // A one-word question ("Kennzeichen") names a family of services, not one of them: offer its members whatever the confidence.
        var oneWord = results.QueryTermCount <= 1;
        var ratio = oneWord ? settings.OneWordAskBackScoreRatio : settings.AskBackScoreRatio;
        var close = results.Hits.Skip(1).TakeWhile(hit => hit.Score >= top.Score * ratio).Take(2).ToList();
        if (close.Count > 0 && (oneWord || confidence < settings.AskBackBelowConfidence))
        {
            return composer.AskBack([top, .. close], question, confidence) with { RankedServiceIds = ranked };
        }

        return composer.Compose(top, question with { Text = text }, confidence) with { RankedServiceIds = ranked };
    }

    private Answer Reply(string key, AnswerKind kind, Question question) => new(texts.Get(key, question.Language)) { Kind = kind };
}
