using System.ComponentModel.DataAnnotations;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.Options;

namespace CitizenBot.Knowledge.Search.Dense;

/// <summary>An optional embedding endpoint (OpenAI-compatible /v1/embeddings) whose similarity ranking is fused with the word search.</summary>
public sealed class EmbeddingOptions
{
    public const string Section = "KnowledgeSearch:Embeddings";

    /// <summary>Off by default: the word search alone needs no model.</summary>
    public bool Enabled { get; set; }

    /// <summary>The base address the OpenAI API paths hang off, e.g. http://embeddings.intern:8080/v1.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The embedding model (or Azure deployment) name.</summary>
    public string? Model { get; set; }

    public string? ApiKey { get; set; }

    /// <summary>How long a question may wait for its embedding before the word search answers alone.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:00:30")]
    public TimeSpan QueryTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Services embedded per request when the folder changes.</summary>
    [Range(1, 512)]
    public int BatchSize { get; set; } = 32;

    /// <summary>How many places of each ranking take part in the fusion.</summary>
    [Range(5, 100)]
    public int FusionDepth { get; set; } = 20;
}

/// <summary>Fails start-up when embeddings are switched on without an absolute endpoint or a model name.</summary>
public sealed class EmbeddingOptionsValidation : IValidateOptions<EmbeddingOptions>
{
    public ValidateOptionsResult Validate(string? name, EmbeddingOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = ModelEndpointSettings.Problems(EmbeddingOptions.Section, options.Endpoint, options.Model, "http://127.0.0.1:8080/v1", "the embedding model or deployment");

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
