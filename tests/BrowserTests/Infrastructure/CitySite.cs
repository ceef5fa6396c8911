using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace CitizenBot.BrowserTests.Infrastructure;

/// <summary>
/// A city's web site on its own loopback port (another origin than the bot), serving pages that embed the widget.
/// Reached as 127.0.0.1 it is an allowed embedder; reached as localhost it is a site the bot does not know.
/// </summary>
public sealed class CitySite : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, string> _pages = new();
    private readonly WebApplication _app;

    public CitySite()
    {
        Port = LiveCitizenBot.FreeLoopbackPort();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, Port));
        _app = builder.Build();
        _app.MapGet("/{page}", (string page) => _pages.TryGetValue(page, out var html)
            ? Results.Content(html, "text/html; charset=utf-8")
            : Results.NotFound());
    }

    public int Port { get; }

    public string AllowedOrigin => $"http://127.0.0.1:{Port}";

    public string UnknownOrigin => $"http://localhost:{Port}";

    public Task StartAsync() => _app.StartAsync();

    /// <summary>Publishes a page with the given widget script tag and returns its path.</summary>
    public string Publish(string widgetScriptTag)
    {
        var page = Guid.NewGuid().ToString("N") + ".html";
        _pages[page] = $"""
            <!DOCTYPE html>
            <html lang="en"><head><title>Sampletown</title><link rel="icon" href="data:,"></head>
            <body><main><h1>Sampletown citizen services</h1></main>
            {widgetScriptTag}
            </body></html>
            """;
        return "/" + page;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();
}
