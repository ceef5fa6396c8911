using Microsoft.Extensions.Options;

namespace CitizenBot.Hosting;

/// <summary>Which city sites may embed the chat in a frame.</summary>
public sealed class WidgetOptions
{
    public const string Section = "Widget";

    /// <summary>Origins (https://www.example-city.de) allowed to frame the chat; the bot's own origin always is.</summary>
    public List<string> AllowedEmbedders { get; set; } = [];
}

/// <summary>Validates embedder origins so a typo cannot open the frame to everyone.</summary>
public sealed class WidgetOptionsValidation : IValidateOptions<WidgetOptions>
{
    public ValidateOptionsResult Validate(string? name, WidgetOptions options)
    {
        var invalid = options.AllowedEmbedders
            .Where(origin => !Uri.TryCreate(origin, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http") || uri.PathAndQuery != "/")
            .ToList();
        return invalid.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Widget:AllowedEmbedders must be origins like https://www.example.de: {string.Join(", ", invalid)}");
    }
}

/// <summary>Security headers and a content security policy under which Web Chat runs without inline scripts.</summary>
public static class SecurityHeaders
{
    // Web Chat fills empty <style> elements from script; the hash of the empty string allows exactly those.
    private const string EmptyStyleHash = "'sha256-47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU='";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app)
    {
        var widget = app.ApplicationServices.GetRequiredService<IOptions<WidgetOptions>>().Value;
        var frameAncestors = string.Join(' ', ["'self'", .. widget.AllowedEmbedders.Select(o => o.TrimEnd('/'))]);
        return app.Use((context, next) =>
        {
            var socketOrigin = $"{(context.Request.IsHttps ? "wss" : "ws")}://{context.Request.Host}";
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy =
                $"default-src 'self'; script-src 'self'; style-src 'self' {EmptyStyleHash}; img-src 'self' data: blob:; " +
                $"font-src 'self' data:; connect-src 'self' {socketOrigin}; media-src 'self' blob:; frame-src 'self'; " +
                $"frame-ancestors {frameAncestors}; object-src 'none'; base-uri 'self'; form-action 'self'";
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=(), payment=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return next();
        });
    }
}
