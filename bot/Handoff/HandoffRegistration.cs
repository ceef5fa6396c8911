using CitizenBot.SharedKernel;
using CitizenBot.Storage;
using Microsoft.Extensions.Options;

namespace CitizenBot.Handoff;

/// <summary>Handing a conversation to staff: the queue, the agent desk, the contact centre and their timeouts.</summary>
public static class HandoffRegistration
{
    public static WebApplicationBuilder AddHandoff(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<HandoffOptions>(HandoffOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<HandoffOptions>, HandoffOptionsValidation>();
        builder.Services.AddRequiredTexts("handoff", HandoffTextKeys.All);
        builder.Services.AddSingleton<HandoffStore>();
        builder.Services.AddSingleton<OfficeHours>();
        builder.Services.AddSingleton<CitizenMessenger>();
        builder.Services.AddSingleton<HandoffTranscript>();
        builder.Services.AddSingleton<HandoffProtocol>();
        builder.Services.AddSingleton<WaitingCitizens>();
        builder.Services.AddSingleton<CitizenHandoff>();
        builder.Services.AddSingleton<AgentDesk>();
        builder.Services.AddSignalR();
        builder.Services.AddSingleton<DeskNotifications>();
        builder.Services.AddSingleton<IReplicaMessageHandler>(services => services.GetRequiredService<DeskNotifications>());
        builder.Services.AddSingleton<HandoffTimeouts>();
        builder.Services.AddSingleton<HandoffStatusReceiver>();
        builder.Services.AddSingleton<AgentHubEvents>();
        builder.Services.AddValidatedOptions<ContactCentreOptions>(ContactCentreOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<ContactCentreOptions>, ContactCentreOptionsValidation>();
        builder.Services.AddHttpClient(ContactCentreWebhook.HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(15));
        builder.Services.AddSingleton<ContactCentreWebhook>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ContactCentreWebhook>());
        builder.Services.AddHostedService(services => services.GetRequiredService<HandoffTimeouts>());
        return builder;
    }
}
