using CitizenBot.Conversation;
using CitizenBot.SharedKernel;

namespace CitizenBot.Channels.Matrix;

/// <summary>The Matrix application service: its events and the homeserver client.</summary>
public static class MatrixRegistration
{
    public static WebApplicationBuilder AddMatrix(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<MatrixOptions>(MatrixOptions.Section);
        builder.Services.AddSingleton<MatrixEvents>();
        // Homeservers rate-limit with 429 + Retry-After (M_LIMIT_EXCEEDED); a send keeps its transaction id, so retrying cannot post twice.
        // The transport logs each delivery itself; the default handler logging would hand the as_token header to Serilog at Trace.
        builder.Services.AddHttpClient<MatrixTransport>()
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15) })
            .AddThrottledServiceRetry("matrix");
        builder.Services.AddSingleton<IReplyTransport>(services => services.GetRequiredService<MatrixTransport>());
        return builder;
    }
}
