using System.Diagnostics;
using System.Text;
using Microsoft.Extensions.Options;
using Microsoft.SemanticKernel;
using Microsoft.SemanticKernel.ChatCompletion;
using Microsoft.SemanticKernel.Connectors.OpenAI;
using OpenAI.Chat;

namespace CitizenBot.Answering.Generation;

/// <summary>The city's language model through Semantic Kernel's OpenAI connector; counts tokens and time of every call.</summary>
public sealed class LanguageModel
{
    public const string HttpClientName = "LanguageModel";

    private readonly IChatCompletionService _chat;
    private readonly LanguageModelMetrics _metrics;
    private readonly OpenAIPromptExecutionSettings _settings;

    public LanguageModel(IHttpClientFactory httpClients, IOptions<GenerationOptions> options, LanguageModelMetrics metrics)
    {
        var settings = options.Value;
        _metrics = metrics;
        _settings = new OpenAIPromptExecutionSettings { Temperature = 0, MaxTokens = settings.MaximumAnswerTokens };
        // The resilience pipeline (timeouts, retry, circuit breaker) lives in this named client; the kernel keeps it for the app's lifetime.
        var kernel = Kernel.CreateBuilder()
            .AddOpenAIChatCompletion(settings.Model!, settings.Endpoint!, settings.ApiKey ?? "none", httpClient: httpClients.CreateClient(HttpClientName))
            .Build();
        _chat = kernel.GetRequiredService<IChatCompletionService>();
    }

    /// <summary>The whole reply at once, for channels that show one message.</summary>
    public async Task<string> CompleteAsync(ChatHistory prompt, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        try
        {
            var reply = await _chat.GetChatMessageContentAsync(prompt, _settings, cancellationToken: cancellationToken);
            _metrics.CountTokens(reply.Metadata?.GetValueOrDefault("Usage") as ChatTokenUsage);
            outcome = "completed";
            return reply.Content ?? "";
        }
        finally
        {
            _metrics.RecordDuration(Stopwatch.GetElapsedTime(started), outcome, streamed: false);
        }
    }

    /// <summary>The reply as it grows: <paramref name="onText"/> sees the whole text so far after every chunk.</summary>
    public async Task<string> StreamAsync(ChatHistory prompt, Func<string, CancellationToken, Task> onText, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        var text = new StringBuilder();
        try
        {
            await foreach (var chunk in _chat.GetStreamingChatMessageContentsAsync(prompt, _settings, cancellationToken: cancellationToken))
            {
                _metrics.CountTokens(chunk.Metadata?.GetValueOrDefault("Usage") as ChatTokenUsage);
                if (!string.IsNullOrEmpty(chunk.Content))
                {
                    text.Append(chunk.Content);
                    await onText(text.ToString(), cancellationToken);
                }
            }

            outcome = "completed";
            return text.ToString();
        }
        finally
        {
            _metrics.RecordDuration(Stopwatch.GetElapsedTime(started), outcome, streamed: true);
        }
    }
}
