using CitizenBot.Conversation;
using CitizenBot.SharedKernel;

namespace CitizenBot.Channels.Telegram;

/// <summary>The Telegram bot: its webhook updates and the Bot API client.</summary>
public static class TelegramRegistration
{
    public static WebApplicationBuilder AddTelegram(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<TelegramOptions>(TelegramOptions.Section);
        // Telegram.Bot retries 429s itself (RetryThreshold); the client only bounds how long one call may take.
        // The bot token is part of every Bot API URL, so the default handler logging (which writes URLs) is removed.
        builder.Services.AddHttpClient(TelegramTransport.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(30)).RemoveAllLoggers();
        builder.Services.AddSingleton<TelegramUpdates>();
        builder.Services.AddSingleton<TelegramTransport>();
        builder.Services.AddSingleton<IReplyTransport>(services => services.GetRequiredService<TelegramTransport>());
        return builder;
    }
}
