using Microsoft.Extensions.Options;
using Microsoft.Identity.Client;

namespace CitizenBot.Channels.BotFramework;

/// <summary>Client-credentials tokens for calls to the Bot Connector, cached and renewed by MSAL.</summary>
public sealed class ConnectorTokens
{
    public const string LoginClient = "BotFramework.Login";

    private readonly BotFrameworkOptions _options;
    private readonly Lazy<IConfidentialClientApplication> _application;

    public ConnectorTokens(IOptions<BotFrameworkOptions> options, IHttpClientFactory clients)
    {
        _options = options.Value;
        _application = new(() => ConfidentialClientApplicationBuilder
            .Create(_options.AppId)
            .WithClientSecret(_options.AppPassword)
            .WithAuthority(_options.LoginAuthority.AbsoluteUri)
            // The authority is known; asking Entra ID's discovery endpoint about it adds a call that can only fail.
            .WithInstanceDiscovery(false)
            .WithHttpClientFactory(new LoginHttpClients(clients))
            .Build());
    }

    public async Task<string> GetAsync(CancellationToken cancellationToken)
    {
        var result = await _application.Value.AcquireTokenForClient([_options.OAuthScope]).ExecuteAsync(cancellationToken);
        return result.AccessToken;
    }

    /// <summary>Gives MSAL the app's pooled HTTP clients, so proxies and handlers configured for the app apply to logins too.</summary>
    private sealed class LoginHttpClients(IHttpClientFactory clients) : IMsalHttpClientFactory
    {
        public HttpClient GetHttpClient() => clients.CreateClient(LoginClient);
    }
}
