using System.Diagnostics.Metrics;
using System.Net;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenTelemetry.Exporter;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;

namespace CitizenBot.Telemetry;

/// <summary>OpenTelemetry for the bot: its own spans and metrics plus ASP.NET Core, HTTP client and runtime figures; OTLP push and Prometheus pull.</summary>
public static class TelemetrySetup
{
    public const string MetricsPath = "/metrics";

    public static WebApplicationBuilder AddCitizenBotTelemetry(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<TelemetryOptions>(TelemetryOptions.Section);
        var settings = builder.Configuration.GetSection(TelemetryOptions.Section).Get<TelemetryOptions>() ?? new();
        builder.Services.TryAddSingleton<CitizenBotTelemetry>();
        builder.Services.AddHostedService<HandoffQueueGauge>();

        var telemetry = builder.Services.AddOpenTelemetry().ConfigureResource(resource => resource.AddService(settings.ServiceName));
        if (settings.OtlpEndpoint is { } collector)
        {
            // Traces only leave the process through OTLP; without a collector no spans are recorded at all.
            telemetry.WithTracing(tracing => tracing
                .AddSource(CitizenBotTelemetry.Name)
                .AddAspNetCoreInstrumentation(aspNetCore => aspNetCore.Filter = http => !IsScrapeOrProbe(http.Request.Path))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(otlp => Push(otlp, collector, "v1/traces")));
        }

        telemetry.WithMetrics(metrics =>
        {
            metrics.AddMeter(CitizenBotTelemetry.Name).AddAspNetCoreInstrumentation().AddHttpClientInstrumentation().AddRuntimeInstrumentation();
            // Meters are process-wide: where several hosts share a process (tests, the CLI) each reports only its own figures.
            ((IDeferredMeterProviderBuilder)metrics).Configure((services, own) =>
            {
                var meters = services.GetRequiredService<IMeterFactory>();
                own.AddView(instrument => instrument.Meter.Scope is null || ReferenceEquals(instrument.Meter.Scope, meters) ? null : MetricStreamConfiguration.Drop);
            });
            if (settings.OtlpEndpoint is { } metricsCollector)
            {
                metrics.AddOtlpExporter(otlp => Push(otlp, metricsCollector, "v1/metrics"));
            }

            if (settings.Prometheus)
            {
                metrics.AddPrometheusExporter();
            }
        });
        return builder;
    }

    /// <summary>/metrics for Prometheus, only on the metrics port when one is set, otherwise only for requests from this machine.</summary>
    public static IEndpointRouteBuilder MapCitizenBotMetrics(this IEndpointRouteBuilder app)
    {
        var settings = app.ServiceProvider.GetRequiredService<IOptions<TelemetryOptions>>().Value;
        if (settings.Prometheus)
        {
            app.MapPrometheusScrapingEndpoint(MetricsPath, meterProvider: null, configureBranchedPipeline: branch => branch.Use(async (context, next) =>
            {
                if (!MayScrape(context.Connection, settings.MetricsPort))
                {
                    context.Response.StatusCode = StatusCodes.Status404NotFound;
                    return;
                }

                await next(context);
            }), optionsName: null);
        }

        return app;
    }

    private static bool MayScrape(ConnectionInfo connection, int? metricsPort) =>
        metricsPort is { } port
            ? connection.LocalPort == port
            : connection.RemoteIpAddress is null || IPAddress.IsLoopback(connection.RemoteIpAddress);

    private static bool IsScrapeOrProbe(PathString path) =>
        path.StartsWithSegments(MetricsPath, StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase);

    /// <summary>OTLP/HTTP with protobuf; a programmatic endpoint is used as-is, so the signal's path is added here.</summary>
    private static void Push(OtlpExporterOptions otlp, Uri collector, string signalPath)
    {
        otlp.Protocol = OtlpExportProtocol.HttpProtobuf;
        otlp.Endpoint = new Uri($"{collector.AbsoluteUri.TrimEnd('/')}/{signalPath}");
    }
}
