using System.Collections.Concurrent;
using Microsoft.Playwright;

namespace CitizenBot.BrowserTests.Infrastructure;

/// <summary>A browser page plus what went wrong on it: console errors, uncaught exceptions and blocked content.</summary>
public sealed class CitizenPage(IPage page) : IAsyncDisposable
{
    private const string ViolationPrefix = "CSP violation:";

    private readonly ConcurrentQueue<string> _problems = new();

    public IPage Page { get; } = page;

    public IReadOnlyCollection<string> Problems => [.. _problems];

    /// <summary>The chat inside the widget's iframe.</summary>
    public IFrameLocator ChatFrame => Page.FrameLocator("iframe.citizenbot-frame");

    internal async Task StartRecordingProblemsAsync()
    {
        Page.Console += (_, message) =>
        {
            if (message.Type == "error" || message.Text.StartsWith(ViolationPrefix, StringComparison.Ordinal))
            {
                _problems.Enqueue($"{message.Type} {message.Location}: {message.Text}");
            }
        };
        Page.PageError += (_, error) => _problems.Enqueue($"uncaught: {error}");
        // Runs in every frame before the page's own scripts, so a blocked style or script in the chat frame is seen too.
        await Page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.warn('" + ViolationPrefix +
            " ' + e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber), true);");
    }

    public async ValueTask DisposeAsync() => await Page.Context.CloseAsync();
}
