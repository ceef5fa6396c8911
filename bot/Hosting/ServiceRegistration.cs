using System.ClientModel;
using System.ClientModel.Primitives;
using Azure;
using Azure.Core.Pipeline;
using Azure.Search.Documents;
using Azure.Search.Documents.Indexes;
using CitizenBot.Answering;
using CitizenBot.Answering.Generation;
using CitizenBot.Channels;
using CitizenBot.Channels.BotFramework;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Channels.Matrix;
using CitizenBot.Channels.Messengers;
using CitizenBot.Channels.Telegram;
using CitizenBot.Conversation;
using CitizenBot.Conversation.Understanding;
using CitizenBot.Fairness;
using CitizenBot.Handoff;
using CitizenBot.Insights;
using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Search;
using CitizenBot.Knowledge.Search.Azure;
using CitizenBot.Knowledge.Search.Dense;
using CitizenBot.Privacy;
using CitizenBot.Storage;
using CitizenBot.Transparency;
using CitizenBot.Transparency.Register;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using OpenAI;
using Polly;
using Serilog.Core;

namespace CitizenBot.Hosting;

/// <summary>One AddX per feature folder, so Program.cs reads as the table of contents.</summary>
public static class ServiceRegistration
{
    private const string EmbeddingHttpClientName = "Embeddings";
    private const string AzureAiSearchHttpClientName = "AzureAiSearch";

    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<StorageOptions>(StorageOptions.Section);
        builder.Services.AddSingleton<BotDatabase>(services => services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider switch
        {
            StorageProvider.PostgreSql => ActivatorUtilities.CreateInstance<PostgresDatabase>(services),
            _ => ActivatorUtilities.CreateInstance<SqliteDatabase>(services),
        });
        builder.Services.AddHostedService<DatabaseMigrations>();
        builder.Services.AddSingleton<IConfigureOptions<KeyManagementOptions>, DataProtectionKeysSetup>();
        builder.Services.AddSingleton<ConversationUpdates>();
        builder.Services.AddSingleton<IConversationStore, ConversationStore>();
        builder.Services.AddSingleton<IReplicaMessageHandler, ReplicaConversationUpdates>();
        builder.Services.AddSingleton<ReplicaListener>();
        builder.Services.AddHostedService(services => services.GetRequiredService<ReplicaListener>());
        return builder;
    }

    public static WebApplicationBuilder AddTransparency(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CityOptions>(CityOptions.Section);
        builder.Services.AddValidatedOptions<TextsOptions>(TextsOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<TextsOptions>, TextsOptionsValidation>();
        builder.Services.AddSingleton<CitizenTexts>();
        builder.Services.AddValidatedOptions<RegisterOptions>(RegisterOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<RegisterOptions>, RegisterOptionsValidation>();
        builder.Services.AddHostedService<RegisterStartupCheck>();
        builder.Services.AddSingleton<LiveEvaluation>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveEvaluation>());
        builder.Services.AddSingleton<TransparencyRegister>();
        builder.Services.AddRazorComponents();
        return builder;
    }

    public static WebApplicationBuilder AddKnowledge(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<KnowledgeOptions>(KnowledgeOptions.Section);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<KnowledgeFolder>();
        builder.Services.AddSingleton<IKnowledgeBase>(services => services.GetRequiredService<KnowledgeFolder>());
        builder.Services.AddHostedService(services => services.GetRequiredService<KnowledgeFolder>());
        return builder;
    }

    public static WebApplicationBuilder AddAnswering(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<KnowledgeSearchOptions>(KnowledgeSearchOptions.Section);
        builder.Services.AddValidatedOptions<AnsweringOptions>(AnsweringOptions.Section);
        builder.Services.AddSingleton<CitizenWords>();
        builder.Services.AddSingleton<LuceneKnowledgeSearch>();
        builder.Services.AddSingleton<IKnowledgeSearch>(services =>
            services.GetRequiredService<IOptions<KnowledgeSearchOptions>>().Value.Backend == KnowledgeSearchBackend.AzureAiSearch
                ? services.GetRequiredService<AzureKnowledgeSearch>()
                : services.GetRequiredService<IOptions<EmbeddingOptions>>().Value.Enabled
                    ? services.GetRequiredService<FusedKnowledgeSearch>()
                    : services.GetRequiredService<LuceneKnowledgeSearch>());
        builder.AddDenseRetrieval();
        builder.AddAzureAiSearch();
        builder.Services.AddSingleton<AnswerComposer>();
        builder.Services.AddSingleton<KnowledgeAnswerer>();
        builder.Services.AddSingleton<IQuestionAnswerer>(services => services.GetRequiredService<IOptions<GenerationOptions>>().Value.Enabled
            ? services.GetRequiredService<GroundedAnswerer>()
            : services.GetRequiredService<KnowledgeAnswerer>());
        return builder.AddGeneration();
    }

    /// <summary>The optional embedding endpoint fused with the word search; its parts are only resolved when it is switched on.</summary>
    public static WebApplicationBuilder AddDenseRetrieval(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<EmbeddingOptions>(EmbeddingOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidation>();
        builder.Services.AddHttpClient(EmbeddingHttpClientName, client => client.Timeout = TimeSpan.FromSeconds(60));
        builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(services =>
        {
            var settings = services.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
            var client = new OpenAIClient(new ApiKeyCredential(settings.ApiKey ?? "none"), new OpenAIClientOptions
            {
                Endpoint = settings.Endpoint,
                Transport = new HttpClientPipelineTransport(services.GetRequiredService<IHttpClientFactory>().CreateClient(EmbeddingHttpClientName)),
            });
            return client.GetEmbeddingClient(settings.Model).AsIEmbeddingGenerator();
        });
        builder.Services.AddSingleton<ServiceVectors>();
        builder.Services.AddSingleton<FusedKnowledgeSearch>();
        // With Azure AI Search the embeddings go into the Azure index instead of the local vector table.
        if (builder.Configuration.GetValue<bool>($"{EmbeddingOptions.Section}:Enabled") && !UsesAzureAiSearch(builder.Configuration))
        {
            builder.Services.AddHostedService<ServiceVectorSync>();
        }

        return builder;
    }

    /// <summary>The optional Azure AI Search backend: its clients and the index sync exist only when it is chosen.</summary>
    public static WebApplicationBuilder AddAzureAiSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AzureAiSearchOptions>(AzureAiSearchOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<AzureAiSearchOptions>, AzureAiSearchOptionsValidation>();
        if (!UsesAzureAiSearch(builder.Configuration))
        {
            return builder;
        }

        builder.Services.AddHttpClient(AzureAiSearchHttpClientName, client => client.Timeout = TimeSpan.FromSeconds(100));
        builder.Services.AddSingleton(services =>
        {
            var settings = services.GetRequiredService<IOptions<AzureAiSearchOptions>>().Value;
            var client = new SearchClientOptions { Transport = new HttpClientTransport(services.GetRequiredService<IHttpClientFactory>().CreateClient(AzureAiSearchHttpClientName)) };
            // Questions have their own deadline and fall back to the local index; the sync retries a whole run later.
            client.Retry.MaxRetries = 1;
            return new SearchIndexClient(settings.Endpoint, new AzureKeyCredential(settings.ApiKey!), client);
        });
        builder.Services.AddSingleton(services =>
            services.GetRequiredService<SearchIndexClient>().GetSearchClient(services.GetRequiredService<IOptions<AzureAiSearchOptions>>().Value.IndexName));
        builder.Services.AddSingleton<AzureIndexHealth>();
        builder.Services.AddSingleton<AzureKnowledgeSearch>();
        builder.Services.AddHostedService<ServiceIndexSync>();
        return builder;
    }

    /// <summary>The optional language model; its answerer (and the redactor it needs) is only resolved when Generation:Enabled is on.</summary>
    public static WebApplicationBuilder AddGeneration(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<GenerationOptions>(GenerationOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<GenerationOptions>, GenerationOptionsValidation>();
        builder.Services.AddSingleton<IValidateOptions<TextsOptions>, GenerationTextsValidation>();
        builder.Services.AddSingleton<LanguageModelMetrics>();
        // A slow model gets one more try, a failing one a pause; whatever happens the citizen gets the quoted answer in time.
        builder.Services.AddHttpClient(LanguageModel.HttpClientName, client => client.Timeout = Timeout.InfiniteTimeSpan)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15) })
            .AddResilienceHandler("language-model", (pipeline, context) =>
            {
                var settings = context.ServiceProvider.GetRequiredService<IOptions<GenerationOptions>>().Value;
                pipeline.AddTimeout(settings.Timeout);
                if (settings.Retries > 0)
                {
                    pipeline.AddRetry(new HttpRetryStrategyOptions
                    {
                        MaxRetryAttempts = settings.Retries,
                        Delay = TimeSpan.FromMilliseconds(200),
                        ShouldRetryAfterHeader = true,
                    });
                }

                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 4,
                    SamplingDuration = TimeSpan.FromSeconds(60),
                    BreakDuration = TimeSpan.FromSeconds(30),
                    OnOpened = _ => new ValueTask(context.ServiceProvider.GetRequiredService<IncidentLog>().RecordAsync(IncidentKinds.ModelOutage, "circuit_open", CancellationToken.None)),
                });
                pipeline.AddTimeout(settings.AttemptTimeout);
            });
        builder.Services.AddSingleton<LanguageModel>();
        // Built by a factory so that start-up checks do not ask for a redactor while the model is off.
        builder.Services.AddSingleton(services => ActivatorUtilities.CreateInstance<GroundedAnswerer>(services));
        return builder;
    }

    public static WebApplicationBuilder AddPrivacy(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<PrivacyOptions>(PrivacyOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<TextsOptions>, PrivacyTextsValidation>();
        builder.Services.TryAddSingleton(TimeProvider.System);
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

    public static WebApplicationBuilder AddConversation(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutgoingPipeline>();
        builder.Services.AddSingleton<ConversationStateStore>();
        builder.AddUnderstanding();
        builder.Services.AddSingleton<ITurnHandler, CitizenTurnHandler>();
        builder.Services.AddSingleton<TurnProcessor>();
        return builder;
    }

    public static WebApplicationBuilder AddHandoff(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<HandoffOptions>(HandoffOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<HandoffOptions>, HandoffOptionsValidation>();
        builder.Services.AddSingleton<IValidateOptions<TextsOptions>, HandoffTextsValidation>();
        builder.Services.TryAddSingleton(TimeProvider.System);
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

    public static WebApplicationBuilder AddInsights(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<TextsOptions>, InsightsTextsValidation>();
        builder.Services.AddSingleton<InsightsStore>();
        builder.Services.AddSingleton<AnswerLog>();
        builder.Services.AddHostedService<AnswerLogWriter>();
        builder.Services.AddSingleton<CitizenFeedback>();
        builder.Services.AddSingleton<UsageFigures>();
        builder.Services.AddSingleton<IUsageFigures>(services => services.GetRequiredService<UsageFigures>());
        builder.Services.AddSingleton<FairnessFindings>();
        builder.Services.AddSingleton<IncidentLog>();
        builder.Services.AddSingleton<KnowledgeChangeLog>();
        builder.Services.AddHostedService(services => services.GetRequiredService<KnowledgeChangeLog>());
        builder.Services.AddSingleton<CouncilReports>();
        builder.Services.AddSingleton<WeeklyFairnessCheck>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WeeklyFairnessCheck>());
        return builder;
    }

    public static WebApplicationBuilder AddChannels(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ChannelOptions>(ChannelOptions.Section);
        builder.Services.AddValidatedOptions<DirectLineOptions>(DirectLineOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<DirectLineOptions>, DirectLineOptionsValidation>();
        builder.Services.AddValidatedOptions<WidgetOptions>(WidgetOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<WidgetOptions>, WidgetOptionsValidation>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ActivityReader>();
        builder.Services.AddSingleton<DirectLineTokens>();
        builder.Services.AddSingleton<DirectLineAuthenticator>();
        builder.Services.AddSingleton<DirectLineConversations>();
        builder.Services.AddSingleton<IReplyTransport, DirectLineTransport>();
        return builder.AddCitizenRateLimits();
    }

    public static WebApplicationBuilder AddBotFramework(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<BotFrameworkOptions>(BotFrameworkOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<BotFrameworkOptions>, BotFrameworkOptionsValidation>();
        // The key retriever keeps its client for the app's lifetime; recycling connections still follows DNS changes.
        builder.Services.AddHttpClient(BotFrameworkAuthenticator.MetadataClient)
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15) });
        builder.Services.AddHttpClient(ConnectorTokens.LoginClient);
        // The Connector throttles with 429 + Retry-After and has brief 5xx outages; retry a few times, never longer than 30 s in all.
        builder.Services.AddHttpClient(BotConnectorTransport.ConnectorClient).AddResilienceHandler("connector", pipeline => pipeline
            .AddTimeout(TimeSpan.FromSeconds(30))
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(10),
                ShouldRetryAfterHeader = true,
            })
            .AddTimeout(TimeSpan.FromSeconds(10)));
        builder.Services.AddSingleton<BotFrameworkAuthenticator>();
        builder.Services.AddSingleton<ConnectorTokens>();
        builder.Services.AddSingleton<IReplyTransport, BotConnectorTransport>();
        return builder;
    }

    /// <summary>What Telegram and Matrix share: texts in words where they have no label field, buttons found again from stored messages.</summary>
    public static WebApplicationBuilder AddMessengers(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<IValidateOptions<TextsOptions>, MessengerTextsValidation>();
        builder.Services.AddSingleton<MessengerText>();
        builder.Services.AddSingleton<OfferedChoices>();
        builder.Services.AddSingleton<ProcessedDeliveries>();
        return builder;
    }

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

    public static WebApplicationBuilder AddMatrix(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<MatrixOptions>(MatrixOptions.Section);
        builder.Services.AddSingleton<MatrixEvents>();
        // Homeservers rate-limit with 429 + Retry-After (M_LIMIT_EXCEEDED); a send keeps its transaction id, so retrying cannot post twice.
        // The transport logs each delivery itself; the default handler logging would hand the as_token header to Serilog at Trace.
        builder.Services.AddHttpClient<MatrixTransport>()
            .RemoveAllLoggers()
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(15) })
            .AddResilienceHandler("matrix", pipeline => pipeline
                .AddTimeout(TimeSpan.FromSeconds(30))
                .AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 3,
                    Delay = TimeSpan.FromMilliseconds(500),
                    MaxDelay = TimeSpan.FromSeconds(10),
                    ShouldRetryAfterHeader = true,
                })
                .AddTimeout(TimeSpan.FromSeconds(10)));
        builder.Services.AddSingleton<IReplyTransport>(services => services.GetRequiredService<MatrixTransport>());
        return builder;
    }

    /// <summary>Binds a section, checks its data annotations and fails start-up when they do not hold.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();

    private static bool UsesAzureAiSearch(IConfiguration configuration) =>
        configuration.GetValue<KnowledgeSearchBackend>($"{KnowledgeSearchOptions.Section}:Backend") == KnowledgeSearchBackend.AzureAiSearch;
}
