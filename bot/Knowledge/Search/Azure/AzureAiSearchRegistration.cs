using Azure;
using Azure.Core.Pipeline;
using Azure.Search.Documents;
using Azure.Search.Documents.Indexes;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.Options;

namespace CitizenBot.Knowledge.Search.Azure;

/// <summary>The optional Azure AI Search backend.</summary>
public static class AzureAiSearchRegistration
{
    private const string HttpClientName = "AzureAiSearch";

    /// <summary>The optional Azure AI Search backend: its clients and the index sync exist only when it is chosen.</summary>
    public static WebApplicationBuilder AddAzureAiSearch(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<AzureAiSearchOptions>(AzureAiSearchOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<AzureAiSearchOptions>, AzureAiSearchOptionsValidation>();
        if (!IsChosen(builder.Configuration))
        {
            return builder;
        }

        builder.Services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(100));
        builder.Services.AddSingleton(services =>
        {
            var settings = services.GetRequiredService<IOptions<AzureAiSearchOptions>>().Value;
            var client = new SearchClientOptions { Transport = new HttpClientTransport(services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)) };
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

    /// <summary>Whether the configuration chooses Azure AI Search as the backend.</summary>
    public static bool IsChosen(IConfiguration configuration) =>
        configuration.GetValue<KnowledgeSearchBackend>($"{KnowledgeSearchOptions.Section}:Backend") == KnowledgeSearchBackend.AzureAiSearch;
}
