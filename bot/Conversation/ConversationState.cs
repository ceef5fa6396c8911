using System.Text.Json;
using CitizenBot.Storage;

namespace CitizenBot.Conversation;

/// <summary>What the bot remembers between turns of one conversation.</summary>
public sealed class ConversationState
{
    /// <summary>The disclosure was shown; it is shown exactly once, before any answer.</summary>
    public bool Greeted { get; set; }

    /// <summary>The last question answered from a service, so "einfacher bitte" knows what to word again.</summary>
    public AnsweredQuestion? LastAnswered { get; set; }
    /// <summary>The citizen was told once that general questions need no personal data.</summary>
    public bool PersonalDataNoticeShown { get; set; }

    /// <summary>The language the citizen writes in, once a message showed it; until then the client's locale counts.</summary>
    public string? Language { get; set; }

    /// <summary>After a failed turn, everything but the disclosure and the citizen's language is forgotten, so the conversation can go on.</summary>
    public ConversationState AfterFailure() => new() { Greeted = Greeted, Language = Language };
}

/// <summary>A question the bot answered from the service with <paramref name="KnowledgeId"/>.</summary>
public sealed record AnsweredQuestion(string Text, string KnowledgeId)
{
    /// <summary>The services that ranked next, offered when the citizen says it was not the right one.</summary>
    public IReadOnlyList<string> RunnersUp { get; init; } = [];
}

/// <summary>Reads and writes <see cref="ConversationState"/> as JSON beside the conversation.</summary>
public sealed class ConversationStateStore(IConversationStore store)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public async Task<ConversationState> LoadAsync(ConversationKey key, CancellationToken cancellationToken)
    {
        var json = await store.ReadStateAsync(key, cancellationToken);
        return json is null ? new ConversationState() : JsonSerializer.Deserialize<ConversationState>(json, Json) ?? new();
    }

    public Task SaveAsync(ConversationKey key, ConversationState state, CancellationToken cancellationToken) =>
        store.WriteStateAsync(key, JsonSerializer.Serialize(state, Json), cancellationToken);

    /// <summary>The state as it would be stored, to tell afterwards whether a turn changed it.</summary>
    public static string Fingerprint(ConversationState state) => JsonSerializer.Serialize(state, Json);

    /// <summary>Writes only when the turn changed the state: most turns do not, and every write queues behind the single writer.</summary>
    public Task SaveIfChangedAsync(ConversationKey key, string fingerprintBefore, ConversationState state, CancellationToken cancellationToken) =>
        Fingerprint(state) == fingerprintBefore ? Task.CompletedTask : SaveAsync(key, state, cancellationToken);
}
