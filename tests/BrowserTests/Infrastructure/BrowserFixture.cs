using Microsoft.Playwright;

namespace CitizenBot.BrowserTests.Infrastructure;

/// <summary>One running bot and one headless Debian Chromium, shared by the tests of a class.</summary>
public class BrowserFixture : IAsyncLifetime
{
    private IPlaywright? _playwright;
    private IBrowser? _browser;

    public BrowserFixture()
        : this(null)
    {
    }

    /// <summary>A bot with extra settings on top of the test defaults.</summary>
    protected BrowserFixture(IReadOnlyDictionary<string, string?>? settings) => Bot = new LiveCitizenBot(CitySite.AllowedOrigin, settings);

    public CitySite CitySite { get; } = new();

    public LiveCitizenBot Bot { get; }

    public IBrowser Browser => _browser ?? throw new InvalidOperationException("The browser has not started.");

    public async Task InitializeAsync()
    {
        // Generous upper bounds for a loaded two-core machine; passing tests never wait that long.
        Assertions.SetDefaultExpectTimeout(15_000);
        await CitySite.StartAsync();
        _playwright = await Playwright.CreateAsync();
        // The system Chromium; Playwright's own browser download is never used.
        _browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>Opens a page of the bot in a fresh browser context.</summary>
    public async Task<CitizenPage> OpenAsync(string pathAndQuery)
    {
        var citizenPage = await NewPageAsync();
        await citizenPage.Page.GotoAsync(Bot.Url(pathAndQuery));
        return citizenPage;
    }

    /// <summary>A fresh page as a German citizen's browser would open it, recording every console error and CSP violation.</summary>
    public async Task<CitizenPage> NewPageAsync()
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Locale = "de-DE",
            ViewportSize = new ViewportSize { Width = 1280, Height = 900 },
        });
        context.SetDefaultTimeout(15_000);
        var page = await context.NewPageAsync();
        var citizenPage = new CitizenPage(page);
        await citizenPage.StartRecordingProblemsAsync();
        return citizenPage;
    }

    public virtual async Task DisposeAsync()
    {
        if (_browser is not null)
        {
            await _browser.DisposeAsync();
        }

        _playwright?.Dispose();
        await Bot.DisposeAsync();
        await CitySite.DisposeAsync();
    }
}
