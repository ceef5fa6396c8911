using CitizenBot.Channels.Activities;
using CitizenBot.Handoff;
using CitizenBot.Storage;
using CitizenBot.Transparency;
using Microsoft.Extensions.Options;

namespace CitizenBot.Privacy;

/// <summary>What a citizen can do about their own data in the chat: have the conversation deleted at once ("Verlauf löschen").</summary>
public sealed class CitizenPrivacy(ConversationErasure erasure, CitizenTexts texts, IOptions<PrivacyOptions> options, ILogger<CitizenPrivacy> logger)
{
    private static readonly IReadOnlyCollection<string> OpenCaseStates = [.. HandoffCase.Open.Select(state => state.ToString())];

    // The configured words and the button texts, normalised once rather than for every message.
    private readonly Lazy<HashSet<string>> _deleteRequests = new(() =>
    [
        .. options.Value.DeleteHistoryWords.Values.SelectMany(words => words).Select(Normalize),
        .. CitizenTexts.SupportedLanguages.Select(language => Normalize(texts.Get(PrivacyTextKeys.DeleteHistory, language))),
    ]);

    /// <summary>True when the whole message is a request to delete the history, typed or sent by the button, in any supported language.</summary>
    public bool AsksToDeleteHistory(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return false;
        }

        return _deleteRequests.Value.Contains(Normalize(text));
    }

    /// <summary>The button that deletes the history, as the citizen's own message so every channel understands it.</summary>
    public CardAction DeleteHistoryButton(string language)
    {
        var title = texts.Get(PrivacyTextKeys.DeleteHistory, language);
        return new CardAction { Type = "imBack", Title = title, Value = title };
    }

    public async Task DeleteHistoryAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        await erasure.ForgetHistoryAsync(key, OpenCaseStates, cancellationToken);
        logger.LogInformation("Deleted the history of {Transport} conversation {ConversationId} at the citizen's request", key.Transport, key.ConversationId);
    }

    /// <summary>Lower case, words separated by single spaces, no punctuation, no "bitte"/"please".</summary>
    private static string Normalize(string text) =>
        string.Join(' ', OrdinaryWords.Split(text).Where(word => word is not ("bitte" or "please")));
}
