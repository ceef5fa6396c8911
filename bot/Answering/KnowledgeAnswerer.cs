using CitizenBot.Answering.Generation;
using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Search;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.Options;

namespace CitizenBot.Answering;

/// <summary>
/// Answers from the knowledge folder without a language model: from the services the understanding step found, decide by
/// calibrated confidence whether to answer with the best or offer the best few to pick from, then compose.
/// </summary>
public sealed class KnowledgeAnswerer(IKnowledgeSearch search, AnswerComposer composer, CitizenTexts texts, IOptions<AnsweringOptions> options) : IQuestionAnswerer
{
    private const int Candidates = 5;

    public async Task<Answer> AnswerAsync(Question question, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(question);
        return Before(question) ?? Decide(question, question.Candidates ?? await search.SearchAsync(question.Text, question.Language, Candidates, cancellationToken));
    }

    /// <summary>The answer from the word search alone, without waiting for any outside service (evaluation, benchmarks, tests).</summary>
    public Answer Answer(Question question)
    {
        ArgumentNullException.ThrowIfNull(question);
        return Before(question) ?? Decide(question, question.Candidates ?? search.Search(question.Text, question.Language, Candidates));
    }

    /// <summary>The replies that need no ranking: other wording, a picked service, the runners-up of the last answer.</summary>
    private Answer? Before(Question question)
    {
        if (question.Style != AnswerStyle.Standard)
        {
            // Other wording needs the language model, unless the editors wrote it; without either the bot says so instead of pretending.
            var versionKey = question.Style == AnswerStyle.Translated ? question.Language : LanguageVersions.EasyGerman;
            if (question.KnowledgeId is { } answered && search.Find(answered, question.Text, question.Language) is { } service
                && service.Document.Versions.GetValueOrDefault(versionKey) is { } version)
            {
                return composer.ComposeVersion(service, question, version, 1) with { RankedServiceIds = [answered] };
            }

            return Reply(question.Style == AnswerStyle.Translated ? GenerationTextKeys.TranslationUnavailable : GenerationTextKeys.SimplerWordingUnavailable, AnswerKind.StyleUnavailable, question);
        }

        if (question.KnowledgeId is { } chosen && search.Find(chosen, question.Text, question.Language) is { } picked)
        {
            return composer.Compose(picked, question, 1) with { RankedServiceIds = [chosen] };
        }

        if (question.Alternatives.Count > 0)
        {
            var offered = question.Alternatives.Select(id => search.Find(id, question.Text, question.Language)).OfType<ServiceHit>().ToList();
            return offered.Count == 0 ? null : composer.AskBack(offered, question, 0, TextKeys.RunnersUp) with { RankedServiceIds = [.. offered.Select(hit => hit.Document.Id)] };
        }

        return null;
    }

    private Answer Decide(Question question, SearchResults results)
    {
        var settings = options.Value;
        if (results.Hits.Count == 0)
        {
            return Reply(TextKeys.NoReliableAnswer, AnswerKind.NoReliableAnswer, question);
        }

        var ranked = results.Hits.Select(hit => hit.Document.Id).ToList();
        var confidence = AnswerConfidence.Of(results);
        var top = results.Hits[0];
        // A one-word question ("Kennzeichen") names a family of services, not one of them: offer its members whatever the confidence.
        var oneWord = results.QueryTermCount <= 1;
        var ratio = oneWord ? settings.OneWordAskBackScoreRatio : settings.AskBackScoreRatio;
        var asked = TitleWords(question.Text);
        var close = results.Hits.Skip(1).TakeWhile(hit => hit.Score >= top.Score * ratio).Take(2)
            .Where(hit => !NamesNarrowerTitle(asked, top, hit)).ToList();
        if (close.Count > 0 || (confidence < settings.AnswerFromConfidence && results.Hits.Count > 1))
        {
            // Whether the question is the city's was decided before; here only which service: unsure means offering, not guessing.
            return composer.AskBack([top, .. close.Count > 0 ? close : results.Hits.Skip(1).Take(2)], question, confidence) with { RankedServiceIds = ranked };
        }

        return composer.Compose(top, question, confidence) with { RankedServiceIds = ranked };
    }

    /// <summary>
    /// Whether the question's words (<paramref name="asked"/>) name <paramref name="top"/> by every word of its title, and that title narrows <paramref name="other"/>'s:
    /// who asks about the "vorläufiger Reisepass" has chosen it over the "Reisepass".
    /// </summary>
    private static bool NamesNarrowerTitle(List<string> asked, ServiceHit top, ServiceHit other)
    {
        var named = TitleWords(top.Document.Title);
        var broader = TitleWords(other.Document.Title);
        return named.Count > broader.Count && named.All(word => asked.Any(candidate => SameWord(word, candidate)))
            && broader.All(word => named.Any(candidate => SameWord(word, candidate)));
    }

    private static List<string> TitleWords(string text) => [.. GermanTextAnalyzer.Words(text).Where(word => word.Length >= 3 && !GermanTextAnalyzer.StopWords.Contains(word))];

    // Inflected forms share all but their ending: "vorläufiger", "vorläufigen".
    private static bool SameWord(string a, string b)
    {
        var shared = 0;
        while (shared < a.Length && shared < b.Length && a[shared] == b[shared])
        {
            shared++;
        }

        return (shared == a.Length && shared == b.Length) || shared >= Math.Max(4, Math.Min(a.Length, b.Length) - 2);
    }

    private Answer Reply(string key, AnswerKind kind, Question question) => new(texts.Get(key, question.Language)) { Kind = kind };
}
