using System.Globalization;
using CitizenBot.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace CitizenBot.Staff;

/// <summary>
/// Who can take over a citizen: the local accounts from configuration, and every staff member who signed in through the
/// identity provider (remembered with the roles of their latest sign-in, since the bot cannot list the provider's users).
/// </summary>
public sealed class StaffDirectory(BotDatabase database, IOptions<StaffOptions> options, TimeProvider time)
{
    public Task RecordSignInAsync(string name, IReadOnlyCollection<string> roles, CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection => connection.ExecuteAsync(
                """
                INSERT INTO staff_members (name, roles, last_sign_in_at) VALUES (@name, @roles, @now)
                ON CONFLICT (name) DO UPDATE SET roles = excluded.roles, last_sign_in_at = excluded.last_sign_in_at
                """,
                new { name, roles = string.Join(' ', roles), now = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture) }),
            cancellationToken);

    /// <summary>The names of everyone who serves citizens at the desk, in alphabetical order.</summary>
    public async Task<IReadOnlyList<string>> ServingCitizensAsync(CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var signedIn = await connection.QueryAsync<SignedInRow>("SELECT name AS Name, roles AS Roles FROM staff_members");
        return options.Value.Accounts.Select(account => (account.Name, Roles: (IEnumerable<string>)account.Roles))
            .Concat(signedIn.Select(row => (row.Name, Roles: (IEnumerable<string>)row.Roles.Split(' ', StringSplitOptions.RemoveEmptyEntries))))
            .Where(staff => staff.Name.Length > 0 && staff.Roles.Any(StaffRoles.ServesCitizens))
            .Select(staff => staff.Name)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    public async Task<bool> ServesCitizensAsync(string name, CancellationToken cancellationToken) =>
        (await ServingCitizensAsync(cancellationToken)).Contains(name, StringComparer.Ordinal);

    private sealed record SignedInRow(string Name, string Roles);
}
