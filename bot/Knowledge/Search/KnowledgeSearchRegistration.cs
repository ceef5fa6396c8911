using CitizenBot.Knowledge.Search.Azure;
using CitizenBot.Knowledge.Search.Dense;
using CitizenBot.SharedKernel;
using CitizenBot.Telemetry;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace CitizenBot.Knowledge.Search;

/// <summary>The word search and, when configured, the embedding endpoint fused with it or Azure AI Search instead.</summary>
public static class KnowledgeSearchRegistration
{
    public static WebApplicationBuilder AddKnowledgeSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<KnowledgeSearchOptions>(KnowledgeSearchOptions.Section);
        builder.Services.AddSingleton<CitizenWords>();
        builder.Services.AddSingleton<LuceneKnowledgeSearch>();
        builder.Services.TryAddSingleton<CitizenBotTelemetry>();
        // Whichever backend answers, every search is timed and traced.
        builder.Services.AddSingleton<IKnowledgeSearch>(services => new TimedKnowledgeSearch(
            services.GetRequiredService<IOptions<KnowledgeSearchOptions>>().Value.Backend == KnowledgeSearchBackend.AzureAiSearch
                ? services.GetRequiredService<AzureKnowledgeSearch>()
                : services.GetRequiredService<IOptions<EmbeddingOptions>>().Value.Enabled
                    ? services.GetRequiredService<FusedKnowledgeSearch>()
                    : services.GetRequiredService<LuceneKnowledgeSearch>(),
            services.GetRequiredService<CitizenBotTelemetry>()));
        builder.AddDenseRetrieval();
        return builder.AddAzureAiSearch();
    }
}
