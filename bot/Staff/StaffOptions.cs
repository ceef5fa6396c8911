using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Options;

namespace CitizenBot.Staff;

/// <summary>Who may sign in to the staff pages and how sign-in is defended.</summary>
public sealed class StaffOptions
{
    public const string Section = "Staff";

    /// <summary>Local staff accounts; passwords only as PBKDF2 hashes.</summary>
    public List<StaffAccount> Accounts { get; set; } = [];
}

/// <summary>A staff member who signs in with a local account.</summary>
public sealed class StaffAccount
{
    [Required]
    public string Name { get; set; } = "";

    /// <summary>An ASP.NET Core Identity PasswordHasher (PBKDF2) hash, never the password.</summary>
    [Required]
    public string PasswordHash { get; set; } = "";

    /// <summary>agent, supervisor, editor, admin, privacy.</summary>
    public List<string> Roles { get; set; } = [];
}

/// <summary>
/// Failed local sign-ins per account and per client address: after so many in a row the account (or address) is locked,
/// first for <see cref="FirstLockout"/>, doubling with every further failure up to <see cref="LongestLockout"/>.
/// </summary>
public sealed class SignInLimits : IValidatableObject
{
    public const string Section = "Staff:SignIn";

    /// <summary>Wrong passwords in a row for one account before it is locked.</summary>
    [Range(1, 1000)]
    public int FailuresBeforeAccountLockout { get; set; } = 10;

    /// <summary>Failed sign-ins from one client address (any names) before the address is locked.</summary>
    [Range(1, 10_000)]
    public int FailuresBeforeAddressLockout { get; set; } = 30;

    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan FirstLockout { get; set; } = TimeSpan.FromMinutes(1);

    [Range(typeof(TimeSpan), "00:00:01", "30.00:00:00")]
    public TimeSpan LongestLockout { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Failures older than this are forgotten, so a typo now and then never adds up to a lockout.</summary>
    [Range(typeof(TimeSpan), "00:01:00", "30.00:00:00")]
    public TimeSpan FailuresForgottenAfter { get; set; } = TimeSpan.FromHours(24);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (LongestLockout < FirstLockout)
        {
            yield return new ValidationResult($"{Section}:LongestLockout must not be shorter than FirstLockout.", [nameof(LongestLockout)]);
        }
    }
}

/// <summary>Accounts need a name, a hash, known roles, and names of their own.</summary>
public sealed class StaffOptionsValidation : IValidateOptions<StaffOptions>
{
    public ValidateOptionsResult Validate(string? name, StaffOptions options)
    {
        var failures = new List<string>();
        failures.AddRange(options.Accounts.SelectMany(account => account.Roles.Where(role => !StaffRoles.All.Contains(role))
            .Select(role => $"{StaffOptions.Section}:Accounts '{account.Name}' has the unknown role '{role}' (known: {string.Join(", ", StaffRoles.All)}).")));
        failures.AddRange(options.Accounts.Where(account => string.IsNullOrWhiteSpace(account.Name) || string.IsNullOrWhiteSpace(account.PasswordHash))
            .Select(account => $"{StaffOptions.Section}:Accounts '{account.Name}' needs a Name and a PasswordHash (make one with the hash-password verb)."));
        failures.AddRange(options.Accounts.GroupBy(account => account.Name, StringComparer.Ordinal).Where(group => group.Count() > 1)
            .Select(group => $"{StaffOptions.Section}:Accounts names '{group.Key}' more than once."));
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
