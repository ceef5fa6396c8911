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

    public Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken) => Task.FromResult(Answer(question));

    public Answer Answer(Question question)
    {
        var settings = options.Value;
        var asked = Placeholders.Remove(question.Text);
        var text = asked.Length > settings.MaximumQuestionLength ? asked[..settings.MaximumQuestionLength] : asked;
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

        var results = search.Search(text, question.Language, Candidates);
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
