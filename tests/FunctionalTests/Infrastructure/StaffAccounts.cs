using System.Net.Http.Json;
using CitizenBot.Staff;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CitizenBot.FunctionalTests.Infrastructure;

/// <summary>
/// Staff accounts as an operator configures them (names, roles, PBKDF2 hashes of their passwords), and signing in as
/// the agent console and the sign-in page do: the session cookie, and the antiforgery token sent with every change.
/// </summary>
public static class StaffAccounts
{
    public const string Password = "correct horse battery staple";

    public static readonly string[] Agents = [.. Enumerable.Range(1, 20).Select(n => $"agent{n}")];

    /// <summary>One account per role besides the agents, named after its role: supervisor, editor, admin, privacy.</summary>
    public static IReadOnlyDictionary<string, string?> Settings { get; } = Build();

    /// <summary>Signs <paramref name="browser"/> (a client that keeps cookies) in; its later requests carry the session's antiforgery token.</summary>
    public static async Task<HttpClient> SignInAsync(HttpClient browser, string name)
    {
        var session = await (await browser.PostAsJsonAsync("/api/staff/signin", new { name, password = Password })).ReadObjectAsync();
        browser.DefaultRequestHeaders.Remove(StaffAccess.AntiforgeryHeader);
        browser.DefaultRequestHeaders.Add(StaffAccess.AntiforgeryHeader, session["antiforgeryToken"]!.GetValue<string>());
        return browser;
    }

    /// <summary>A new browser of the in-process bot, signed in as <paramref name="name"/>.</summary>
    public static Task<HttpClient> SignedInClientAsync(this WebApplicationFactory<Program> bot, string name) => SignInAsync(bot.CreateClient(), name);

    private static Dictionary<string, string?> Build()
    {
        var hasher = new PasswordHasher<StaffAccount>();
        var accounts = Agents.Select(name => (name, role: StaffRoles.Agent))
            .Concat(StaffRoles.All.Where(role => role != StaffRoles.Agent).Select(role => (role, role)))
            .ToList();
        var settings = new Dictionary<string, string?>();
        for (var index = 0; index < accounts.Count; index++)
        {
            var (name, role) = accounts[index];
            settings[$"Staff:Accounts:{index}:Name"] = name;
            settings[$"Staff:Accounts:{index}:PasswordHash"] = hasher.HashPassword(new StaffAccount { Name = name }, Password);
            settings[$"Staff:Accounts:{index}:Roles:0"] = role;
        }

        return settings;
    }
}
