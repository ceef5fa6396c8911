using CitizenBot.Conversation.Understanding;

namespace CitizenBot.Conversation;

/// <summary>One citizen turn: understanding, the turn handler, the state and the outgoing pipeline.</summary>
public static class ConversationRegistration
{
    public static WebApplicationBuilder AddConversation(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutgoingPipeline>();
        builder.Services.AddSingleton<ConversationStateStore>();
        builder.AddUnderstanding();
        builder.Services.AddSingleton<ITurnHandler, CitizenTurnHandler>();
        builder.Services.AddSingleton<TurnProcessor>();
        return builder;
    }
}
