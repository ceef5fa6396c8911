using System.ComponentModel.DataAnnotations;
using CitizenBot.Knowledge.Search.Dense;
using Microsoft.Extensions.Options;

namespace CitizenBot.Knowledge.Search.Azure;

/// <summary>The Azure AI Search service and index the bot fills from the knowledge folder and asks first when the backend is AzureAiSearch.</summary>
public sealed class AzureAiSearchOptions
{
    public const string Section = "KnowledgeSearch:AzureAiSearch";

    /// <summary>The search service, e.g. https://stadt-muenchen.search.windows.net.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>Lower case letters, digits and dashes, as Azure requires.</summary>
    [RegularExpression("^[a-z0-9][a-z0-9-]{1,127}$", ErrorMessage = "KnowledgeSearch:AzureAiSearch:IndexName must be 2-128 lower-case letters, digits or dashes, starting with a letter or digit")]
    public string IndexName { get; set; } = "citizenbot-services";

    /// <summary>An admin key: the bot creates the index and pushes documents. Managed identity is not wired in (it needs Azure.Identity).</summary>
    public string? ApiKey { get; set; }

    /// <summary>When set, the index gets a semantic configuration of this name and questions are ranked by it.</summary>
    public string? SemanticConfiguration { get; set; }

    /// <summary>When set, services carry an embedding in this field (from KnowledgeSearch:Embeddings) and questions add a vector query.</summary>
    public string? VectorField { get; set; }

    /// <summary>The length of the embedding model's vectors; needed with <see cref="VectorField"/>.</summary>
    [Range(0, 4096)]
    public int VectorDimensions { get; set; }

    /// <summary>Services pushed per indexing request (Azure takes at most 1000).</summary>
    [Range(1, 1000)]
    public int BatchSize { get; set; } = 100;

    /// <summary>How long a question may wait for Azure before the local index answers it.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(3);

    /// <summary>After a failed question or push, how long the local index answers alone before Azure is tried again.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>Fails start-up with a message naming the setting when the Azure backend is chosen but cannot work.</summary>
public sealed class AzureAiSearchOptionsValidation(IOptions<KnowledgeSearchOptions> search, IOptions<EmbeddingOptions> embeddings) : IValidateOptions<AzureAiSearchOptions>
{
    public ValidateOptionsResult Validate(string? name, AzureAiSearchOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (search.Value.Backend != KnowledgeSearchBackend.AzureAiSearch)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = new List<string>();
        // Azure.Search.Documents sends an api key over https only, even to this machine.
        if (options.Endpoint is not { IsAbsoluteUri: true } endpoint || endpoint.Scheme != Uri.UriSchemeHttps)
        {
            problems.Add($"{AzureAiSearchOptions.Section}:Endpoint must be an absolute https address such as https://stadt.search.windows.net");
        }

        if (string.IsNullOrWhiteSpace(options.ApiKey))
        {
            problems.Add($"{AzureAiSearchOptions.Section}:ApiKey must hold an admin key of the search service (managed identity is not supported yet)");
        }

        if (!string.IsNullOrWhiteSpace(options.VectorField))
        {
            if (!embeddings.Value.Enabled)
            {
                problems.Add($"{AzureAiSearchOptions.Section}:VectorField needs KnowledgeSearch:Embeddings:Enabled, whose model embeds the services and questions");
            }

            if (options.VectorDimensions <= 0)
            {
                problems.Add($"{AzureAiSearchOptions.Section}:VectorDimensions must give the embedding model's vector length");
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
