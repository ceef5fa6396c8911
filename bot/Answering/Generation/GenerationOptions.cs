using System.ComponentModel.DataAnnotations;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.Options;

namespace CitizenBot.Answering.Generation;

/// <summary>The optional language model: any OpenAI-compatible chat completions endpoint (vLLM, Ollama, a sovereign cloud, Azure OpenAI v1).</summary>
public sealed class GenerationOptions
{
    public const string Section = "Generation";

    /// <summary>Off by default: without a model the bot quotes its sources verbatim.</summary>
    public bool Enabled { get; set; }

    /// <summary>The base address the OpenAI API paths hang off, e.g. http://llm.intern:8000/v1 or https://NAME.openai.azure.com/openai/v1.</summary>
    public Uri? Endpoint { get; set; }

    /// <summary>The model (or Azure deployment) name sent with every request.</summary>
    public string? Model { get; set; }

    /// <summary>Sent as Bearer token and api-key header; local servers often accept any value.</summary>
    public string? ApiKey { get; set; }

    /// <summary>How long one answer may take, retries included, before the bot sends the extractive answer instead.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(20);

    /// <summary>How long one attempt may wait for the first response bytes before it is retried.</summary>
    [Range(typeof(TimeSpan), "00:00:01", "00:05:00")]
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);

    [Range(0, 5)]
    public int Retries { get; set; } = 1;

    /// <summary>Upper bound of source text given to the model per answer, in characters.</summary>
    [Range(500, 50_000)]
    public int MaximumSourceCharacters { get; set; } = 6000;

    [Range(50, 4000)]
    public int MaximumAnswerTokens { get; set; } = 600;

    /// <summary>The languages the model writes well (language codes), empty for all served ones; a citizen writing another gets the German source quoted.</summary>
    public List<string> Languages { get; set; } = [];
}

/// <summary>Fails start-up when the model is switched on without an endpoint or model name, or with a relative address.</summary>
public sealed class GenerationOptionsValidation : IValidateOptions<GenerationOptions>
{
    public ValidateOptionsResult Validate(string? name, GenerationOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var problems = ModelEndpointSettings.Problems(GenerationOptions.Section, options.Endpoint, options.Model, "http://127.0.0.1:8000/v1", "the model or deployment");

        if (options.AttemptTimeout > options.Timeout)
        {
            problems.Add("Generation:AttemptTimeout must not exceed Generation:Timeout");
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}

/// <summary>Citizen texts of the model path; every language must define them.</summary>
public static class GenerationTextKeys
{
    public const string GeneratedAnswer = nameof(GeneratedAnswer);
    public const string SimplerWordingButton = nameof(SimplerWordingButton);
    public const string SimplerWordingUnavailable = nameof(SimplerWordingUnavailable);
    public const string TranslationUnavailable = nameof(TranslationUnavailable);

    public static IReadOnlyList<string> All { get; } = [GeneratedAnswer, SimplerWordingButton, SimplerWordingUnavailable, TranslationUnavailable];
}
