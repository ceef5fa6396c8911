namespace CitizenBot.FunctionalTests.BotFramework;

/// <summary>
/// MSAL accepts only HTTPS authorities, so the bot is configured with one on a reserved .test host; this handler,
/// plugged into the bot's login HTTP client, sends those requests as real HTTP to the fake Entra ID on loopback.
/// </summary>
public sealed class LoginRoute(string authorityHost, Uri loopback) : DelegatingHandler
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var target = request.RequestUri!;
        if (target.Host != authorityHost)
        {
            throw new InvalidOperationException($"The bot's login client called {target.Host}, not the configured authority.");
        }

        request.RequestUri = new UriBuilder(target) { Scheme = loopback.Scheme, Host = loopback.Host, Port = loopback.Port }.Uri;
        return base.SendAsync(request, cancellationToken);
    }
}
