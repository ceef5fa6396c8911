using System.Net;
using System.Net.Http.Json;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;

namespace CitizenBot.FunctionalTests.Handoff;

/// <summary>Staff sign-in through the city's identity provider when configured; local accounts when not.</summary>
public sealed class StaffOpenIdConnectTests
{
    private const string ClientId = "6f0e1c52-citizenbot-agent-desk";

    [Fact]
    public async Task With_the_identity_provider_enabled_the_console_sign_in_sends_staff_to_its_authorize_endpoint()
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        using var bot = new HandoffBot(settings: provider.Settings(ClientId));
        using var browser = bot.Server.CreateClient();

        var response = await browser.GetAsync("/api/agent/signin/oidc");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe(provider.AuthorizeEndpoint);
        var query = QueryHelpers.ParseQuery(location.Query);
        query["client_id"].ToString().ShouldBe(ClientId);
        query["redirect_uri"].ToString().ShouldBe("http://localhost/api/agent/signin-oidc");
        query["response_type"].ToString().ShouldBe("code");
        query["scope"].ToString().Split(' ').ShouldContain("openid");
        provider.Requested.ShouldContain($"/{FakeIdentityProvider.Tenant}/v2.0/.well-known/openid-configuration");
    }

    [Fact]
    public async Task With_the_identity_provider_enabled_the_desk_still_refuses_anyone_not_signed_in()
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        using var bot = new HandoffBot(settings: provider.Settings(ClientId));

        await (await bot.NewBrowser().GetAsync("/api/agent/cases")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "SignInRequired");
    }

    [Fact]
    public async Task Without_the_identity_provider_local_sign_in_works_unchanged_and_the_provider_sign_in_is_not_offered()
    {
        using var bot = new HandoffBot();
        var browser = bot.NewBrowser();

        await (await browser.GetAsync("/api/agent/signin/oidc")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "OpenIdConnectOff");
        (await browser.PostAsJsonAsync("/api/agent/signin", new { name = "agent1", password = StaffAccounts.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/api/agent/cases")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void An_enabled_identity_provider_without_client_or_roles_stops_the_start()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Handoff:OpenIdConnect:Enabled"] = "true",
            ["Handoff:OpenIdConnect:TenantId"] = "city-tenant",
            ["Handoff:OpenIdConnect:AppRoles:CitizenBot.Agent"] = "clerk",
        };

        var failure = Should.Throw<OptionsValidationException>(() => new HandoffBot(settings: settings));

        failure.Message.ShouldContain("Handoff:OpenIdConnect:ClientId is required");
        failure.Message.ShouldContain("Handoff:OpenIdConnect:ClientSecret is required");
        failure.Message.ShouldContain("Handoff:OpenIdConnect:AppRoles:CitizenBot.Agent names the unknown role 'clerk'");
    }
}
