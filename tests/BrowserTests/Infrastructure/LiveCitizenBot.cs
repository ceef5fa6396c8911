using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CitizenBot.BrowserTests.Infrastructure;

/// <summary>
/// The real bot on Kestrel at 127.0.0.1 with a free port, so a real browser can reach it,
/// on its own throw-away SQLite data folder, with one city site allowed to embed the chat.
/// </summary>
public sealed class LiveCitizenBot : WebApplicationFactory<Program>
{
    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "citizenbot-browser-tests", Guid.NewGuid().ToString("N"));
    private readonly string _allowedEmbedder;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public LiveCitizenBot(string allowedEmbedder, IReadOnlyDictionary<string, string?>? settings = null)
    {
        _allowedEmbedder = allowedEmbedder;
        _settings = settings ?? new Dictionary<string, string?>();
        // The port is chosen first because the bot writes its own public address into links (City:AssistantUrl).
        var port = FreeLoopbackPort();
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port));
        StartServer();
    }

    /// <summary>Where the browser finds the bot, e.g. http://127.0.0.1:41234.</summary>
    public Uri BaseAddress { get; }

    public string Url(string pathAndQuery) => new Uri(BaseAddress, pathAndQuery).ToString();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataFolder", _dataFolder);
        builder.UseSetting("City:AssistantUrl", BaseAddress.ToString().TrimEnd('/'));
        // Every test opens new conversations from the same address.
        builder.UseSetting("RateLimits:ConversationStartsPerMinutePerClient", "100000");
        builder.UseSetting("RateLimits:MessagesPerMinutePerClient", "100000");
        builder.UseSetting("Widget:AllowedEmbedders:0", _allowedEmbedder);
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    internal static int FreeLoopbackPort()
    {
        using var probe = new TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing && Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }
}
