using CitizenBot.SharedKernel;
using Microsoft.Extensions.Options;

namespace CitizenBot.Conversation.Understanding;

/// <summary>The understanding step's parts: its word classes and places, the evidence weighing, the step itself.</summary>
public static class UnderstandingRegistration
{
    public static WebApplicationBuilder AddUnderstanding(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddValidatedOptions<UnderstandingOptions>(UnderstandingOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<UnderstandingOptions>, UnderstandingVocabularyValidation>();
        builder.Services.AddSingleton<UnderstandingVocabulary>();
        builder.Services.AddSingleton<ServiceEvidence>();
        builder.Services.AddSingleton<CitizenUnderstanding>();
        builder.Services.AddSingleton<MessageLanguage>();
        return builder;
    }
}
