using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Telemetry;

/// <summary>Where traces and metrics go: an OTLP collector when one is named, and a Prometheus scraping endpoint.</summary>
public sealed class TelemetryOptions
{
    public const string Section = "Telemetry";

    /// <summary>Base address of an OTLP/HTTP collector (e.g. http://otel-collector:4318); traces and metrics are pushed there when set.</summary>
    public Uri? OtlpEndpoint { get; set; }

    /// <summary>Serve metrics for Prometheus at /metrics.</summary>
    public bool Prometheus { get; set; } = true;

    /// <summary>
    /// The port /metrics answers on (the host must also listen there, see ASPNETCORE_URLS); a port no proxy or ingress forwards keeps
    /// the figures off the public site. Unset: /metrics answers only requests from this machine.
    /// </summary>
    [Range(1, 65535)]
    public int? MetricsPort { get; set; }

    /// <summary>The service.name resource attribute every trace and metric carries.</summary>
    [Required]
    public string ServiceName { get; set; } = "citizenbot";
}
