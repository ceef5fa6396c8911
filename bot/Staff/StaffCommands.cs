using System.CommandLine;
using Microsoft.AspNetCore.Identity;

namespace CitizenBot.Staff;

/// <summary>The operators' verb for staff accounts: turn a password into the hash that goes into Staff:Accounts.</summary>
public static class StaffCommands
{
    public static RootCommand AddStaffCommands(this RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var command = new Command("hash-password", "Reads a staff password from standard input and prints its PBKDF2 hash for Staff:Accounts:N:PasswordHash.");
        command.SetAction(async (parse, cancellationToken) =>
        {
            // From standard input, not an argument, so the password stays out of shell history and process lists.
            var password = (await Console.In.ReadLineAsync(cancellationToken))?.TrimEnd('\r');
            if (string.IsNullOrEmpty(password))
            {
                await Console.Error.WriteLineAsync("No password on standard input.");
                return 1;
            }

            Console.WriteLine(new PasswordHasher<StaffAccount>().HashPassword(new StaffAccount(), password));
            return 0;
        });
        root.Add(command);
        return root;
    }
}
