using CitizenBot.Conversation;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels.BotFramework;

/// <summary>Azure Bot Service: its token validation and the Connector client.</summary>
public static class BotFrameworkRegistration
{
    public static WebApplicationBuilder AddBotFramework(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<BotFrameworkOptions>(BotFrameworkOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidation>();
        // The key retriever keeps its client for the app's lifetime; recycling connections still follows DNS changes.
        builder.Services.AddHttpClient(BotFrameworkAuthenticator.MetadataClient)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15) });
        builder.Services.AddHttpClient(ConnectorTokens.LoginClient);
        // The Connector throttles with 429 + Retry-After and has brief 5xx outages; retry a few times, never longer than 30 s in all.
        builder.Services.AddHttpClient(BotConnectorTransport.ConnectorClient).AddThrottledServiceRetry("connector");
        builder.Services.AddSingleton<BotFrameworkAuthenticator>();
        builder.Services.AddSingleton<ConnectorTokens>();
        builder.Services.AddSingleton<IReplyTransport, BotConnectorTransport>();
        return builder;
    }
}
