using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;

namespace CitizenBot.Channels.WebChat;

/// <summary>How many new widget conversations one client address may open per minute.</summary>
public sealed class WebChatOptions
{
    public const string Section = "WebChat";

    [Range(1, 100_000)]
    public int TokensPerMinutePerClient { get; set; } = 30;
}

/// <summary>Keeps one address from minting tokens (and conversations) without end.</summary>
public static class WebChatRateLimits
{
    public const string TokenPolicy = "webchat-token";

    public static void Add(RateLimiterOptions limiter, WebChatOptions options)
    {
        limiter.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
        limiter.AddPolicy(TokenPolicy, context => RateLimitPartition.GetFixedWindowLimiter(
            context.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = options.TokensPerMinutePerClient, Window = TimeSpan.FromMinutes(1) }));
    }
}
