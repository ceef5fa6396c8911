using CitizenBot.Answering;
using CitizenBot.Channels;
using CitizenBot.Channels.BotFramework;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Channels.Matrix;
using CitizenBot.Channels.Messengers;
using CitizenBot.Channels.Telegram;
using CitizenBot.Channels.WebChat;
using CitizenBot.Conversation;
using CitizenBot.Fairness;
using CitizenBot.Handoff;
using CitizenBot.Insights;
using CitizenBot.Knowledge;
using CitizenBot.Privacy;
using CitizenBot.Staff;
using CitizenBot.Storage;
using CitizenBot.Telemetry;
using CitizenBot.Transparency;
using CitizenBot.Transparency.Records;

namespace CitizenBot.Hosting;

/// <summary>The bot's features and endpoints, in one place for the web host, the evaluation and the tests that build it.</summary>
public static class CitizenBotComposition
{
    public static WebApplicationBuilder AddCitizenBot(this WebApplicationBuilder builder)
    {
        // One clock for every feature; tests replace it.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.AddCitizenBotLogging();
        builder.AddCitizenBotEdge();
        builder.AddCitizenBotHealth();
        builder.AddStorage();
        builder.AddTransparency();
        builder.AddKnowledge();
        builder.AddAnswering();
        builder.AddPrivacy();
        builder.AddConversation();
        builder.AddStaff();
        builder.AddHandoff();
        builder.AddInsights();
        builder.AddFairness();
        builder.AddChannels();
        builder.AddBotFramework();
        builder.AddMessengers();
        builder.AddTelegram();
        builder.AddMatrix();
        builder.AddCitizenBotTelemetry();
        return builder;
    }

    public static WebApplication MapCitizenBot(this WebApplication app)
    {
        app.UseCitizenBotEdge();
        app.MapDirectLine();
        app.MapWebChat();
        app.MapBotFramework();
        app.MapTelegram();
        app.MapMatrix();
        app.MapTransparency();
        app.MapAgentDesk();
        app.MapContactCentre();
        app.MapStaff().MapKnowledgeAdmin().MapGovernanceRecords().MapConversationAdmin().MapInsights();
        app.MapCitizenBotHealth();
        app.MapCitizenBotMetrics();
        return app;
    }
}
