using CitizenBot.Channels.DirectLine;
using CitizenBot.Conversation;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels;

/// <summary>Direct Line for Web Chat, the widget and the citizen rate limits every channel shares.</summary>
public static class ChannelsRegistration
{
    public static WebApplicationBuilder AddChannels(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ChannelOptions>(ChannelOptions.Section);
        builder.Services.AddValidatedOptions<DirectLineOptions>(DirectLineOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidation>();
        builder.Services.AddSingleton<ActivityReader>();
        builder.Services.AddSingleton<DirectLineTokens>();
        builder.Services.AddSingleton<DirectLineAuthenticator>();
        builder.Services.AddSingleton<DirectLineConversations>();
        builder.Services.AddSingleton<IReplyTransport, DirectLineTransport>();
        return builder.AddCitizenRateLimits();
    }
}
