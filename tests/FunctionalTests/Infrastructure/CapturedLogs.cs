using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;
using Serilog.Events;

namespace CitizenBot.FunctionalTests.Infrastructure;

/// <summary>A Serilog sink that keeps every event the bot writes, rendered as an operator would read it.</summary>
public sealed class CapturedLogs : ILogEventSink
{
    /// <summary>Sends every event of the bot, down to Verbose and including ASP.NET Core's own, to this sink.</summary>
    public void CaptureEverything(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseSetting("Serilog:MinimumLevel:Default", "Verbose");
        builder.UseSetting("Serilog:MinimumLevel:Override:Microsoft.AspNetCore", "Verbose");
        builder.ConfigureTestServices(services => services.AddSingleton<ILogEventSink>(this));
    }

    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public void Emit(LogEvent logEvent)
    {
        using var text = new StringWriter();
        text.Write(logEvent.RenderMessage(CultureInfo.InvariantCulture));
        foreach (var (name, value) in logEvent.Properties)
        {
            text.Write($" {name}={value}");
        }

        text.Write(logEvent.Exception?.ToString());
        _lines.Enqueue(text.ToString());
    }
}
