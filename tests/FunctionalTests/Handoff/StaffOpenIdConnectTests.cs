using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
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

        var response = await browser.GetAsync("/api/staff/signin/oidc");

        response.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var location = response.Headers.Location!;
        location.GetLeftPart(UriPartial.Path).ShouldBe(provider.AuthorizeEndpoint);
        var query = QueryHelpers.ParseQuery(location.Query);
        query["client_id"].ToString().ShouldBe(ClientId);
        query["redirect_uri"].ToString().ShouldBe("http://localhost/api/staff/signin-oidc");
        query["response_type"].ToString().ShouldBe("code");
        query["scope"].ToString().Split(' ').ShouldContain("openid");
        provider.Requested.ShouldContain($"/{FakeIdentityProvider.Tenant}/v2.0/.well-known/openid-configuration");
    }

    [Fact]
    public async Task A_staff_member_signed_in_at_the_identity_provider_works_at_the_desk_with_the_mapped_role_only()
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        provider.StaffMember = ("erika.muster@muenchen.example", ["CitizenBot.Agent", "Payroll.Reader"]);
        using var bot = new HandoffBot(settings: provider.Settings(ClientId));
        var browser = new CookieBrowser(bot.Server.CreateClient());

        var callback = await SignInAtTheProviderAsync(browser);

        callback.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        callback.Headers.Location!.OriginalString.ShouldBe("/agent/");
        var me = await (await browser.GetAsync("/api/staff/me")).ReadObjectAsync();
        me["name"]!.GetValue<string>().ShouldBe("erika.muster@muenchen.example");
        me["roles"]!.AsArray().Select(role => role!.GetValue<string>()).ShouldBe(["agent"]);
        (await browser.GetAsync("/api/agent/cases")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Staff_who_signed_in_at_the_identity_provider_are_offered_as_transfer_targets_and_can_be_given_a_case()
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        using var bot = new HandoffBot(settings: provider.Settings(ClientId));
        provider.StaffMember = ("erika.muster@muenchen.example", ["CitizenBot.Agent"]);
        var erika = new CookieBrowser(bot.Server.CreateClient());
        (await SignInAtTheProviderAsync(erika)).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        provider.StaffMember = ("max.mustermann@muenchen.example", ["Payroll.Reader"]);
        (await SignInAtTheProviderAsync(new CookieBrowser(bot.Server.CreateClient()))).StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var (_, caseId) = await AgentDeskTests.QueuedCitizenAsync(bot);
        var agent = await AgentDeskTests.SignInAsync(bot, "agent1");
        (await agent.PostAsync($"/api/agent/cases/{caseId}/accept", null)).StatusCode.ShouldBe(HttpStatusCode.OK);

        var colleagues = (await agent.GetFromJsonAsync<List<string>>("/api/agent/colleagues"))!;

        colleagues.ShouldContain("erika.muster@muenchen.example");
        colleagues.ShouldContain("agent2");
        colleagues.ShouldNotContain("max.mustermann@muenchen.example", "signed in, but without a role that serves citizens");
        colleagues.ShouldNotContain("agent1", "nobody transfers to themselves");
        await (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/transfer", new { to = "max.mustermann@muenchen.example" }))
            .ShouldBeProblemAsync(HttpStatusCode.BadRequest, "UnknownAgent");
        (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/transfer", new { to = "erika.muster@muenchen.example" })).StatusCode.ShouldBe(HttpStatusCode.OK);
        var held = (await (await erika.GetAsync("/api/agent/cases")).ReadObjectArrayAsync()).ShouldHaveSingleItem();
        held["agent"]!.GetValue<string>().ShouldBe("erika.muster@muenchen.example");
    }

    [Fact]
    public async Task A_staff_member_without_a_mapped_app_role_is_signed_in_but_refused_at_the_desk()
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        provider.StaffMember = ("max.mustermann@muenchen.example", ["Payroll.Reader"]);
        using var bot = new HandoffBot(settings: provider.Settings(ClientId));
        var browser = new CookieBrowser(bot.Server.CreateClient());

        (await SignInAtTheProviderAsync(browser)).StatusCode.ShouldBe(HttpStatusCode.Redirect);

        await (await browser.GetAsync("/api/agent/cases")).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "RoleRequired");
    }

    [Fact]
    public async Task With_the_identity_provider_enabled_the_console_offers_it_and_the_desk_still_refuses_anyone_not_signed_in()
    {
        await using var provider = await FakeIdentityProvider.StartAsync();
        using var bot = new HandoffBot(settings: provider.Settings(ClientId));

        var nobody = await (await bot.NewBrowser().GetAsync("/api/staff/me")).ReadObjectAsync();

        await (await bot.NewBrowser().GetAsync("/api/agent/cases")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "SignInRequired");
        nobody["identityProvider"]!.GetValue<bool>().ShouldBeTrue();
    }

    [Fact]
    public async Task Without_the_identity_provider_local_sign_in_works_unchanged_and_the_provider_sign_in_is_not_offered()
    {
        using var bot = new HandoffBot();
        var browser = bot.NewBrowser();

        (await (await browser.GetAsync("/api/staff/me")).ReadObjectAsync())["identityProvider"]!.GetValue<bool>().ShouldBeFalse();
        await (await browser.GetAsync("/api/staff/signin/oidc")).ShouldBeProblemAsync(HttpStatusCode.NotFound, "OpenIdConnectOff");
        (await browser.PostAsJsonAsync("/api/staff/signin", new { name = "agent1", password = StaffAccounts.Password })).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await browser.GetAsync("/api/agent/cases")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public void An_enabled_identity_provider_without_client_or_roles_stops_the_start()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Staff:OpenIdConnect:Enabled"] = "true",
            ["Staff:OpenIdConnect:TenantId"] = "city-tenant",
            ["Staff:OpenIdConnect:AppRoles:CitizenBot.Agent"] = "clerk",
        };

        var failure = Should.Throw<OptionsValidationException>(() => new HandoffBot(settings: settings));

        failure.Message.ShouldContain("Staff:OpenIdConnect:ClientId is required");
        failure.Message.ShouldContain("Staff:OpenIdConnect:ClientSecret is required");
        failure.Message.ShouldContain("Staff:OpenIdConnect:AppRoles:CitizenBot.Agent names the unknown role 'clerk'");
    }

    /// <summary>What a browser does: follow the console's sign-in to the provider, then submit the provider's form_post page back to the bot.</summary>
    private static async Task<HttpResponseMessage> SignInAtTheProviderAsync(CookieBrowser browser)
    {
        using var identityProvider = new HttpClient();
        var page = await identityProvider.GetStringAsync((await browser.GetAsync("/api/staff/signin/oidc")).Headers.Location);
        var form = Regex.Matches(page, "name=\"(?<name>\\w+)\" value=\"(?<value>[^\"]*)\"")
            .ToDictionary(field => field.Groups["name"].Value, field => WebUtility.HtmlDecode(field.Groups["value"].Value));
        return await browser.PostFormAsync("/api/staff/signin-oidc", form);
    }
}

/// <summary>
/// A browser's cookie jar kept by hand: the sign-in flow's correlation and nonce cookies are Secure and SameSite=None,
/// which HttpClient's jar would withhold from the test server's http://localhost, while a browser on HTTPS sends them.
/// </summary>
internal sealed class CookieBrowser(HttpClient http)
{
    private readonly Dictionary<string, string> _cookies = [];

    public Task<HttpResponseMessage> GetAsync(string path) => SendAsync(new HttpRequestMessage(HttpMethod.Get, path));

    public Task<HttpResponseMessage> PostFormAsync(string path, Dictionary<string, string> form) =>
        SendAsync(new HttpRequestMessage(HttpMethod.Post, path) { Content = new FormUrlEncodedContent(form) });

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        if (_cookies.Count > 0)
        {
            request.Headers.Add("Cookie", string.Join("; ", _cookies.Select(cookie => $"{cookie.Key}={cookie.Value}")));
        }

        var response = await http.SendAsync(request);
        foreach (var header in response.Headers.TryGetValues("Set-Cookie", out var values) ? values : [])
        {
            var pair = header.Split(';')[0].Split('=', 2);
            if (header.Contains("expires=Thu, 01 Jan 1970", StringComparison.OrdinalIgnoreCase))
            {
                _cookies.Remove(pair[0]);
            }
            else
            {
                _cookies[pair[0]] = pair[1];
            }
        }

        return response;
    }
}
