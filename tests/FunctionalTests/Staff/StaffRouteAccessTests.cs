using System.Net;
using System.Net.Http.Json;
using CitizenBot.FunctionalTests.Infrastructure;
using CitizenBot.Staff;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.FunctionalTests.Staff;

/// <summary>
/// Every route the running bot maps, read from ASP.NET Core's endpoint data source: each is either a citizen's (or the
/// sign-in's) public route, or a staff route that refuses a request without sign-in and a staff member without its role.
/// </summary>
public sealed class StaffRouteAccessTests : IDisposable
{
    /// <summary>Routes anyone may call: the citizens' channels, the transparency notice, health, and signing in itself.</summary>
    private static readonly string[] PublicRoutes =
    [
        "/api/webchat/token", "/api/webchat/ui", "/transparency", "/transparency.json", "/transparency.schema.json",
        "/health/live", "/health/ready", "/metrics", "/api/handoff/contact-centre",
        "/admin/signin", "/api/staff/signin", "/api/staff/signin/oidc", "/api/staff/me",
    ];

    /// <summary>Staff routes that must exist, so the test cannot pass by finding none.</summary>
    private static readonly string[] ExpectedStaffRoutes =
    [
        "GET /admin", "GET /admin/insights", "GET /admin/insights.csv", "GET /admin/report", "GET /admin/report.csv", "GET /admin/knowledge",
        "GET /admin/records", "GET /admin/records/{file}", "GET /admin/conversations/{id}", "DELETE /admin/conversations/{id}", "GET /admin/audit",
        "GET /api/agent/cases", "POST /api/agent/cases/{id}/accept", "GET /api/agent/cases/{id}/transcript", "POST /api/agent/cases/{id}/replies",
        "POST /api/agent/cases/{id}/close", "POST /api/agent/cases/{id}/transfer", "GET /api/agent/canned-replies", "GET /api/agent/colleagues",
        "GET /api/agent/hub", "GET /api/agent/hub/negotiate", "POST /api/staff/signout",
    ];

    private readonly CitizenBotFactory _bot = new();

    [Fact]
    public async Task Every_staff_route_refuses_an_anonymous_request_and_a_staff_member_without_its_role()
    {
        var routes = MappedRoutes();
        var staffRoutes = routes.Where(route => !IsPublic(route.Pattern)).ToList();
        staffRoutes.Select(route => $"{route.Method} {route.Pattern}").ShouldBe(ExpectedStaffRoutes, ignoreOrder: true);

        foreach (var route in staffRoutes)
        {
            var allowed = route.Policies.Where(StaffPolicies.Names.Contains).Aggregate(
                (IEnumerable<string>)StaffRoles.All, (roles, policy) => roles.Intersect(StaffPolicies.RolesOf(policy))).ToList();
            // Signing out is for any staff member; every other staff route names the policy of what it shows or changes.
            route.Policies.ShouldContain(
                policy => StaffPolicies.Names.Contains(policy) && (policy != StaffPolicies.AnyStaff || route.Pattern == "/api/staff/signout"), $"{route} names no staff policy");
            allowed.ShouldNotBeEmpty(route.ToString());

            var anonymous = await _bot.CreateClient().SendAsync(route.Request());
            anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, $"{route} without sign-in");

            foreach (var role in StaffRoles.All)
            {
                var staff = await SignedInAsAsync(role);
                var response = await staff.SendAsync(route.Request());
                if (allowed.Contains(role))
                {
                    response.StatusCode.ShouldNotBeOneOf([HttpStatusCode.Unauthorized, HttpStatusCode.Forbidden], $"{route} as {role}, which it admits");
                }
                else
                {
                    response.StatusCode.ShouldBe(HttpStatusCode.Forbidden, $"{route} as {role}");
                }
            }
        }
    }

    [Fact]
    public void Only_the_sign_in_and_the_citizens_routes_are_public()
    {
        var publicRoutes = MappedRoutes().Where(route => IsPublic(route.Pattern)).ToList();

        publicRoutes.ShouldAllBe(route => route.Policies.Count == 0);
        publicRoutes.Select(route => route.Pattern).ShouldContain("/v3/directline/conversations/{conversationId}/activities");
        publicRoutes.Select(route => route.Pattern).ShouldContain("/api/staff/signin");
    }

    public void Dispose() => _bot.Dispose();

    private static bool IsPublic(string pattern) => PublicRoutes.Contains(pattern) || pattern.StartsWith("/v3/directline/", StringComparison.Ordinal);

    private List<MappedRoute> MappedRoutes()
    {
        _bot.CreateClient().Dispose();
        return [.. _bot.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            // SignalR's hub routes name no method; GET reaches them.
            .SelectMany(endpoint => (endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"]).Select(method => new MappedRoute(
                method,
                "/" + endpoint.RoutePattern.RawText!.Trim('/'),
                [.. endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(data => data.Policy).OfType<string>()])))];
    }

    /// <summary>A fresh browser signed in with the account named after <paramref name="role"/> (agent1 for agents).</summary>
    private async Task<HttpClient> SignedInAsAsync(string role)
    {
        var browser = _bot.CreateClient();
        var session = await (await browser.PostAsJsonAsync("/api/staff/signin", new { name = role == StaffRoles.Agent ? "agent1" : role, password = StaffAccounts.Password }))
            .ReadObjectAsync();
        browser.DefaultRequestHeaders.Add(StaffAccess.AntiforgeryHeader, session["antiforgeryToken"]!.GetValue<string>());
        return browser;
    }

    private sealed record MappedRoute(string Method, string Pattern, IReadOnlyList<string> Policies)
    {
        /// <summary>The route with a made-up id in each parameter; a JSON body for the methods that take one.</summary>
        public HttpRequestMessage Request()
        {
            var path = Pattern.Replace("{id}", "no-such-case", StringComparison.Ordinal).Replace("{file}", "no-such-file", StringComparison.Ordinal);
            var request = new HttpRequestMessage(new HttpMethod(Method), path);
            if (Method == "POST")
            {
                request.Content = JsonContent.Create(new { });
            }

            return request;
        }

        public override string ToString() => $"{Method} {Pattern}";
    }
}
