using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace CitizenBot.FunctionalTests.Infrastructure;

/// <summary>
/// Every request reaches the in-process bot from 127.0.0.1, as it does behind the city's reverse proxy on the same machine,
/// so the bot takes the client's address from X-Forwarded-For; the in-process test host has no network peer of its own.
/// </summary>
public sealed class BehindTheProxy : IStartupFilter
{
    public const string ForwardedFor = "X-Forwarded-For";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((context, nextMiddleware) =>
        {
            context.Connection.RemoteIpAddress = IPAddress.Loopback;
            return nextMiddleware(context);
        });
        next(app);
    };

    /// <summary>A request as the proxy passes it on for a client at <paramref name="clientAddress"/>.</summary>
    public static T From<T>(T request, string clientAddress)
        where T : HttpRequestMessage
    {
        ArgumentNullException.ThrowIfNull(request);
        request.Headers.Add(ForwardedFor, clientAddress);
        return request;
    }
}
