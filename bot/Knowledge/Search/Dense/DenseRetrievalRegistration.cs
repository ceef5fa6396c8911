using System.ClientModel;
using System.ClientModel.Primitives;
using CitizenBot.Knowledge.Search.Azure;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI;

namespace CitizenBot.Knowledge.Search.Dense;

/// <summary>The optional embedding endpoint fused with the word search.</summary>
public static class DenseRetrievalRegistration
{
    private const string HttpClientName = "Embeddings";

    /// <summary>The optional embedding endpoint fused with the word search; its parts are only resolved when it is switched on.</summary>
    public static WebApplicationBuilder AddDenseRetrieval(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<EmbeddingOptions>(EmbeddingOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<EmbeddingOptions>, EmbeddingOptionsValidation>();
        builder.Services.AddHttpClient(HttpClientName, client => client.Timeout = TimeSpan.FromSeconds(60));
        builder.Services.AddSingleton<IEmbeddingGenerator<string, Embedding<float>>>(services =>
        {
            var settings = services.GetRequiredService<IOptions<EmbeddingOptions>>().Value;
            var client = new OpenAIClient(new ApiKeyCredential(settings.ApiKey ?? "none"), new OpenAIClientOptions
            {
                Endpoint = settings.Endpoint,
                Transport = new HttpClientPipelineTransport(services.GetRequiredService<IHttpClientFactory>().CreateClient(HttpClientName)),
            });
            return client.GetEmbeddingClient(settings.Model).AsIEmbeddingGenerator();
        });
        builder.Services.AddSingleton<ServiceVectors>();
        builder.Services.AddSingleton<FusedKnowledgeSearch>();
        // With Azure AI Search the embeddings go into the Azure index instead of the local vector table.
        if (builder.Configuration.GetValue<bool>($"{EmbeddingOptions.Section}:Enabled") && !AzureAiSearchRegistration.IsChosen(builder.Configuration))
        {
            builder.Services.AddHostedService<ServiceVectorSync>();
        }

        return builder;
    }
}
