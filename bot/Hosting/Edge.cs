using System.Text.Json.Serialization;
using Microsoft.AspNetCore.HttpOverrides;

namespace CitizenBot.Hosting;

/// <summary>The HTTP edge every request passes: errors as problem+json, security headers, request log, static widget files.</summary>
public static class Edge
{
    public static WebApplicationBuilder AddCitizenBotEdge(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        // The Bot Framework wire format omits absent fields rather than sending nulls.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        return builder;
    }

    public static WebApplication UseCitizenBotEdge(this WebApplication app)
    {
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseCitizenBotRequestLogging();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.UseRateLimiter();
        return app;
    }
}
