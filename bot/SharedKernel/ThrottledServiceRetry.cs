using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace CitizenBot.SharedKernel;

/// <summary>The one retry policy for services that throttle with 429 + Retry-After and have brief 5xx outages (Bot Connector, Matrix homeservers).</summary>
public static class ThrottledServiceRetry
{
    /// <summary>Three retries honouring Retry-After, 10 s per attempt, never longer than 30 s in all.</summary>
    public static IHttpClientBuilder AddThrottledServiceRetry(this IHttpClientBuilder builder, string name)
    {
        builder.AddResilienceHandler(name, pipeline => pipeline
            .AddTimeout(TimeSpan.FromSeconds(30))
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = 3,
                Delay = TimeSpan.FromMilliseconds(500),
                MaxDelay = TimeSpan.FromSeconds(10),
                ShouldRetryAfterHeader = true,
            })
            .AddTimeout(TimeSpan.FromSeconds(10)));
        return builder;
    }
}
