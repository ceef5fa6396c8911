using System.Net;

namespace CitizenBot.Hosting;

/// <summary>Who may open the /admin pages. Until staff sign-in exists, only requests from this machine are let in.</summary>
public sealed class AdminOptions
{
    public const string Section = "Admin";

    /// <summary>Let requests from other machines in; only for a host where a reverse proxy already checks who is asking.</summary>
    public bool AllowRemote { get; set; }
}

public static class AdminAccess
{
    public const string Prefix = "/admin";

    /// <summary>The /admin route group: answers 403 to anyone not on loopback unless Admin:AllowRemote is set.</summary>
    public static RouteGroupBuilder MapAdmin(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup(Prefix);
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            var allowRemote = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<AdminOptions>>().Value.AllowRemote;
            return allowRemote || IsLocal(http.Connection.RemoteIpAddress) ? await next(context) : Results.StatusCode(StatusCodes.Status403Forbidden);
        });
        return group;
    }

    /// <summary>Loopback, or no network peer at all (the in-process test host).</summary>
    private static bool IsLocal(IPAddress? address) => address is null || IPAddress.IsLoopback(address);
}
