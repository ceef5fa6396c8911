using System.Data.Common;
using System.Text.Json.Serialization;
using CitizenBot.SharedKernel;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;

namespace CitizenBot.Hosting;

/// <summary>The HTTP edge every request passes: errors as problem+json, security headers, request log, static widget files.</summary>
public static class Edge
{
    public static WebApplicationBuilder AddCitizenBotEdge(this WebApplicationBuilder builder)
    {
        builder.Services.AddProblemDetails();
        builder.Services.AddValidatedOptions<WidgetOptions>(WidgetOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<WidgetOptions>, WidgetOptionsValidation>();
        // A broken or truncated request body is the client's error (400), not a server failure, and not worth a stack trace;
        // an unreachable database (restart, failover) is temporary (503), so clients retry rather than give up.
        builder.Services.Configure<ExceptionHandlerOptions>(options =>
        {
            options.StatusCodeSelector = exception => exception switch
            {
                BadHttpRequestException bad => bad.StatusCode,
                DbException => StatusCodes.Status503ServiceUnavailable,
                _ => StatusCodes.Status500InternalServerError,
            };
            options.SuppressDiagnosticsCallback = context => context.Exception is BadHttpRequestException;
        });
        // The Bot Framework wire format omits absent fields rather than sending nulls.
        builder.Services.ConfigureHttpJsonOptions(json => json.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull);
        return builder;
    }

    public static WebApplication UseCitizenBotEdge(this WebApplication app)
    {
        app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto });
        // Outside the exception handler, so the log shows the status the client got (400, 503), not the exception as a 500.
        app.UseCitizenBotRequestLogging();
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.UseSecurityHeaders();
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(20) });
        app.UseRateLimiter();
        return app;
    }
}
