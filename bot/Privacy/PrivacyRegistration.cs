using CitizenBot.SharedKernel;
using CitizenBot.Storage;
using Serilog.Core;

namespace CitizenBot.Privacy;

/// <summary>Recognising and redacting personal data, deleting a citizen's history, keeping transcripts no longer than allowed.</summary>
public static class PrivacyRegistration
{
    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<PrivacyOptions>(PrivacyOptions.Section);
        builder.Services.AddRequiredTexts("privacy", PrivacyTextKeys.All);
        builder.Services.AddSingleton<OrdinaryWords>();
        builder.Services.AddHostedService<KnowledgeVocabulary>();
        builder.Services.AddSingleton<IPersonalDataRecognizer, EmailRecognizer>();
        builder.Services.AddSingleton<IPersonalDataRecognizer, IbanRecognizer>();
        builder.Services.AddSingleton<IPersonalDataRecognizer, TaxIdRecognizer>();
        builder.Services.AddSingleton<IPersonalDataRecognizer, IdentityDocumentRecognizer>();
        builder.Services.AddSingleton<IPersonalDataRecognizer, BirthDateRecognizer>();
        builder.Services.AddSingleton<IPersonalDataRecognizer, StreetAddressRecognizer>();
        builder.Services.AddSingleton<IPersonalDataRecognizer, PhoneNumberRecognizer>();
        builder.Services.AddSingleton<IPersonalDataRecognizer, NameRecognizer>();
        builder.Services.AddSingleton<IPersonalDataRedactor, PersonalDataRedactor>();
        // Serilog's ReadFrom.Services picks this up: every log event is redacted before any sink sees it.
        builder.Services.AddSingleton<ILogEventEnricher, PersonalDataLogRedaction>();
        builder.Services.AddSingleton<ConversationErasure>();
        builder.Services.AddSingleton<CitizenPrivacy>();
        builder.Services.AddHostedService<TranscriptRetention>();
        return builder;
    }
}
