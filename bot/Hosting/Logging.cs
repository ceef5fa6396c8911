using Serilog;

namespace CitizenBot.Hosting;

/// <summary>Serilog from configuration; request logs carry method, path, status and time, never bodies or query strings.</summary>
public static class Logging
{
    public static WebApplicationBuilder AddCitizenBotLogging(this WebApplicationBuilder builder)
    {
        builder.Services.AddSerilog((services, logger) => logger
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            // After the context enricher, so the redaction (an enricher from the services) also sees the context's properties.
            .ReadFrom.Services(services));
        return builder;
    }

    public static IApplicationBuilder UseCitizenBotRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(options =>
            options.MessageTemplate = "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms");
}
