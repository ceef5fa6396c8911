using CitizenBot.Conversation.Understanding;
using CitizenBot.Knowledge.Search;
using CitizenBot.SharedKernel.Activities;
using Microsoft.Extensions.Options;

namespace CitizenBot.UnitTests.Conversation;

/// <summary>The understanding step with the bot's own word classes and places, over a search that finds nothing: what the rules decide.</summary>
internal static class Understanding
{
    private static readonly Lazy<CitizenUnderstanding> Step = new(() =>
    {
        var options = Options.Create(new UnderstandingOptions { HomePlaces = ["München", "Munich", "Pasing"] });
        var vocabulary = new UnderstandingVocabulary(options);
        return new CitizenUnderstanding(vocabulary, new ServiceEvidence(new NothingFound(), vocabulary, options));
    });

    public static Intent Of(string text, string language = "de") =>
        Step.Value.UnderstandAsync(new Activity { Type = ActivityTypes.Message, Text = text }, text, language, CancellationToken.None).GetAwaiter().GetResult();

    private sealed class NothingFound : IKnowledgeSearch
    {
        public SearchResults Search(string query, string language, int top) => SearchResults.None;

        public ServiceHit? Find(string knowledgeId, string query, string language) => null;
    }
}
