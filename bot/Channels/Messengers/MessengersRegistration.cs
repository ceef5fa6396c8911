using CitizenBot.SharedKernel;

namespace CitizenBot.Channels.Messengers;

/// <summary>What Telegram and Matrix share.</summary>
public static class MessengersRegistration
{
    /// <summary>What Telegram and Matrix share: texts in words where they have no label field, buttons found again from stored messages.</summary>
    public static WebApplicationBuilder AddMessengers(this WebApplicationBuilder builder)
    {
        builder.Services.AddRequiredTexts("messenger", MessengerTextKeys.All);
        builder.Services.AddSingleton<MessengerText>();
        builder.Services.AddSingleton<OfferedChoices>();
        builder.Services.AddSingleton<ProcessedDeliveries>();
        return builder;
    }
}
