using CitizenBot.Handoff;
using Microsoft.AspNetCore.Identity;

namespace CitizenBot.FunctionalTests.Handoff;

/// <summary>Staff accounts as an operator configures them: names, roles and PBKDF2 hashes of their passwords.</summary>
public static class StaffAccounts
{
    public const string Password = "correct horse battery staple";

    public static readonly string[] Agents = [.. Enumerable.Range(1, 20).Select(n => $"agent{n}")];

    public static IReadOnlyDictionary<string, string?> Settings { get; } = Build();

    private static Dictionary<string, string?> Build()
    {
        var hasher = new PasswordHasher<StaffAccount>();
        var accounts = Agents.Select(name => (name, role: StaffRoles.Agent))
            .Append(("supervisor", StaffRoles.Supervisor))
            .Append(("editor", StaffRoles.Editor))
            .ToList();
        var settings = new Dictionary<string, string?>();
        for (var index = 0; index < accounts.Count; index++)
        {
            var (name, role) = accounts[index];
            settings[$"Handoff:Accounts:{index}:Name"] = name;
            settings[$"Handoff:Accounts:{index}:PasswordHash"] = hasher.HashPassword(new StaffAccount { Name = name }, Password);
            settings[$"Handoff:Accounts:{index}:Roles:0"] = role;
        }

        return settings;
    }
}
