using CitizenBot.Handoff;
using CitizenBot.SharedKernel;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Storage;

namespace CitizenBot.Privacy;

/// <summary>What a citizen can do about their own data in the chat: have the conversation deleted at once ("Verlauf löschen").</summary>
public sealed class CitizenPrivacy(ConversationErasure erasure, CitizenTexts texts, ILogger<CitizenPrivacy> logger)
{
    private static readonly IReadOnlyCollection<string> OpenCaseStates = [.. HandoffCase.Open.Select(state => state.ToString())];

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
}
