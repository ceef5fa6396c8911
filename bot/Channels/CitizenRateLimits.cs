using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Threading.RateLimiting;
using CitizenBot.Channels.DirectLine;
using CitizenBot.SharedKernel;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;

namespace CitizenBot.Channels;

/// <summary>
/// How much one citizen's client may send. Per client address the limits are generous, since a library, school or
/// office puts many citizens behind one address; per conversation they are above what a person types.
/// </summary>
public sealed class CitizenRateLimitOptions
{
    public const string Section = "RateLimits";

    /// <summary>New conversations one address may open per minute: widget tokens, Direct Line conversation starts and token refreshes.</summary>
    [Range(1, 1_000_000)]
    public int ConversationStartsPerMinutePerClient { get; set; } = 60;

    /// <summary>Messages one address may post per minute, over all its conversations.</summary>
    [Range(1, 1_000_000)]
    public int MessagesPerMinutePerClient { get; set; } = 300;

    /// <summary>Messages one conversation may post per minute, on any channel (a Telegram chat, a Matrix room).</summary>
    [Range(1, 1_000_000)]
    public int MessagesPerMinutePerConversation { get; set; } = 20;
}

/// <summary>Which per-address limit an endpoint counts against.</summary>
public enum ClientLimit
{
    ConversationStarts,
    Messages,
}

/// <summary>Endpoint metadata: the per-address limit, and whether the route's {conversationId} is limited too.</summary>
public sealed record CitizenRateLimitMetadata(ClientLimit PerClient, bool PerConversation);

/// <summary>
/// The limits in one place: the rate limiter middleware applies them to the HTTP edges marked with
/// <see cref="CitizenRateLimits.RequireCitizenRateLimit{TBuilder}"/> (429 with Retry-After); the messengers ask
/// <see cref="TryAcquireConversation"/> for each citizen message, since their conversation is named in the body.
/// Callers holding a Direct Line secret are a city's own servers, minting tokens for all its citizens: no per-address limit.
/// </summary>
public sealed class CitizenRateLimiter : IDisposable
{
    private static readonly TimeSpan Window = TimeSpan.FromMinutes(1);

    private readonly CitizenRateLimitOptions _options;
    private readonly DirectLineAuthenticator _authenticator;
    private readonly PartitionedRateLimiter<string> _conversations;
    private readonly PartitionedRateLimiter<string> _notices;

    public CitizenRateLimiter(IOptions<CitizenRateLimitOptions> options, DirectLineAuthenticator authenticator)
    {
        _options = options.Value;
        _authenticator = authenticator;
        _conversations = PartitionedRateLimiter.Create<string, string>(key => PerMinute(key, _options.MessagesPerMinutePerConversation));
        _notices = PartitionedRateLimiter.Create<string, string>(key => PerMinute(key, 1));
        Requests = PartitionedRateLimiter.CreateChained(
            PartitionedRateLimiter.Create<HttpContext, string>(PerClient),
            PartitionedRateLimiter.Create<HttpContext, string>(PerConversation));
    }

    /// <summary>The limiter the rate limiter middleware runs for every request; endpoints without the metadata pass freely.</summary>
    public PartitionedRateLimiter<HttpContext> Requests { get; }

    /// <summary>Counts one message of a messenger conversation; null when it may go on, else how long until it may.</summary>
    public TimeSpan? TryAcquireConversation(string transport, string conversationId)
    {
        using var lease = _conversations.AttemptAcquire($"{transport}|{conversationId}");
        return lease.IsAcquired ? null : RetryAfter(lease);
    }

    /// <summary>True once per minute for a conversation over its limit, so the citizen is told once, not once per refused message.</summary>
    public bool FirstRefusalThisMinute(string transport, string conversationId)
    {
        using var lease = _notices.AttemptAcquire($"{transport}|{conversationId}");
        return lease.IsAcquired;
    }

    public void Dispose()
    {
        Requests.Dispose();
        _conversations.Dispose();
        _notices.Dispose();
    }

    /// <summary>Whole seconds for a Retry-After header, at least one.</summary>
    public static string RetryAfterSeconds(TimeSpan wait) => Math.Max(1, (int)Math.Ceiling(wait.TotalSeconds)).ToString(CultureInfo.InvariantCulture);

    public static TimeSpan RetryAfter(RateLimitLease lease) =>
        lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : Window;

    private RateLimitPartition<string> PerClient(HttpContext context)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<CitizenRateLimitMetadata>() is not { } limit
            || _authenticator.IsSecret(DirectLineAuthenticator.BearerFrom(context.Request)))
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var permits = limit.PerClient == ClientLimit.ConversationStarts ? _options.ConversationStartsPerMinutePerClient : _options.MessagesPerMinutePerClient;
        return PerMinute($"{limit.PerClient}|{ClientAddress.Of(context)}", permits);
    }

    private RateLimitPartition<string> PerConversation(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<CitizenRateLimitMetadata>() is { PerConversation: true }
        && context.Request.RouteValues["conversationId"] is string conversationId
            ? PerMinute($"directline|{conversationId}", _options.MessagesPerMinutePerConversation)
            : RateLimitPartition.GetNoLimiter("");

    private static RateLimitPartition<string> PerMinute(string key, int permits) =>
        RateLimitPartition.GetFixedWindowLimiter(key, _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = Window, QueueLimit = 0 });
}

public static class CitizenRateLimits
{
    public static WebApplicationBuilder AddCitizenRateLimits(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CitizenRateLimitOptions>(CitizenRateLimitOptions.Section);
        builder.Services.AddSingleton<CitizenRateLimiter>();
        builder.Services.AddRateLimiter(_ => { });
        builder.Services.AddOptions<RateLimiterOptions>().Configure<CitizenRateLimiter>((limiter, limits) =>
        {
            limiter.GlobalLimiter = limits.Requests;
            limiter.OnRejected = RefuseAsync;
        });
        return builder;
    }

    /// <summary>Marks a citizen edge: counted per client address, and per conversation when <paramref name="perConversation"/>.</summary>
    public static TBuilder RequireCitizenRateLimit<TBuilder>(this TBuilder builder, ClientLimit perClient, bool perConversation = false)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new CitizenRateLimitMetadata(perClient, perConversation));

    /// <summary>
    /// 429 with Retry-After and problem+json. Logged at Debug only: a flood would otherwise flood the log as well;
    /// ASP.NET Core's aspnetcore.rate_limiting.requests metric counts the refusals.
    /// </summary>
    private static async ValueTask RefuseAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var http = rejected.HttpContext;
        var wait = CitizenRateLimiter.RetryAfter(rejected.Lease);
        http.Response.Headers.RetryAfter = CitizenRateLimiter.RetryAfterSeconds(wait);
        http.RequestServices.GetRequiredService<ILogger<CitizenRateLimiter>>().LogDebug(
            "Refused {Method} {Path} from {ClientAddress}: rate limit, retry after {RetrySeconds} s", http.Request.Method, http.Request.Path.Value, ClientAddress.Of(http), (int)wait.TotalSeconds);
        await ChannelProblems.Problem(
            StatusCodes.Status429TooManyRequests, "TooManyRequests", $"Too many requests from this client or conversation; try again in {CitizenRateLimiter.RetryAfterSeconds(wait)} s.")
            .ExecuteAsync(http);
    }
}
