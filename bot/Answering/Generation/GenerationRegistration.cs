using CitizenBot.Insights;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;

namespace CitizenBot.Answering.Generation;

/// <summary>The optional language model behind the grounded answers.</summary>
public static class GenerationRegistration
{
    /// <summary>The optional language model; its answerer (and the redactor it needs) is only resolved when Generation:Enabled is on.</summary>
    public static WebApplicationBuilder AddGeneration(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<GenerationOptions>(GenerationOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<GenerationOptions>, GenerationOptionsValidation>();
        builder.Services.AddRequiredTexts("language model", GenerationTextKeys.All);
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
}
