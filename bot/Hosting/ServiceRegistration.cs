using CitizenBot.Answering;
using CitizenBot.Channels;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Channels.WebChat;
using CitizenBot.Conversation;
using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Search;
using CitizenBot.Storage;
using CitizenBot.Transparency;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CitizenBot.Hosting;

/// <summary>One AddX per feature folder, so Program.cs reads as the table of contents.</summary>
public static class ServiceRegistration
{
    public static WebApplicationBuilder AddStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<StorageOptions>(StorageOptions.Section);
        builder.Services.AddSingleton<SqliteDatabase>();
        builder.Services.AddHostedService<SqliteMigrations>();
        builder.Services.AddSingleton<ConversationUpdates>();
        builder.Services.AddSingleton<IConversationStore, SqliteConversationStore>();
        return builder;
    }

    public static WebApplicationBuilder AddTransparency(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CityOptions>(CityOptions.Section);
        builder.Services.AddValidatedOptions<TextsOptions>(TextsOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<TextsOptions>, TextsOptionsValidation>();
        builder.Services.AddSingleton<CitizenTexts>();
        builder.Services.AddRazorComponents();
        return builder;
    }

    public static WebApplicationBuilder AddKnowledge(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<KnowledgeOptions>(KnowledgeOptions.Section);
        builder.Services.AddValidatedOptions<AdminOptions>(AdminOptions.Section);
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
        builder.Services.AddSingleton<IKnowledgeSearch, LuceneKnowledgeSearch>();
        builder.Services.AddSingleton<AnswerComposer>();
        builder.Services.AddSingleton<KnowledgeAnswerer>();
        builder.Services.AddSingleton<IQuestionAnswerer>(services => services.GetRequiredService<KnowledgeAnswerer>());
        return builder;
    }

    public static WebApplicationBuilder AddConversation(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<OutgoingPipeline>();
        builder.Services.AddSingleton<ConversationStateStore>();
        builder.Services.AddSingleton<ITurnHandler, CitizenTurnHandler>();
        builder.Services.AddSingleton<TurnProcessor>();
        return builder;
    }

    public static WebApplicationBuilder AddChannels(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<ChannelOptions>(ChannelOptions.Section);
        builder.Services.AddValidatedOptions<DirectLineOptions>(DirectLineOptions.Section);
        builder.Services.AddValidatedOptions<WebChatOptions>(WebChatOptions.Section);
        builder.Services.AddValidatedOptions<WidgetOptions>(WidgetOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<WidgetOptions>, WidgetOptionsValidation>();
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<ActivityReader>();
        builder.Services.AddSingleton<DirectLineTokens>();
        builder.Services.AddSingleton<DirectLineAuthenticator>();
        builder.Services.AddSingleton<DirectLineConversations>();
        builder.Services.AddSingleton<IReplyTransport, DirectLineTransport>();
        builder.Services.AddRateLimiter(limiter =>
            WebChatRateLimits.Add(limiter, builder.Configuration.GetSection(WebChatOptions.Section).Get<WebChatOptions>() ?? new()));
        return builder;
    }

    /// <summary>Binds a section, checks its data annotations and fails start-up when they do not hold.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
