using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;

namespace CitizenBot.Staff;

/// <summary>What a local sign-in attempt came to: the account, or why not (wrong name or password, or locked for a while).</summary>
public sealed record SignInOutcome(StaffAccount? Account, TimeSpan? LockedFor);

/// <summary>
/// Checks a local account's password behind the lockout: a locked account or address is refused before any password is
/// looked at; every refusal is logged with the account (when it exists) and the address, never with what was typed.
/// </summary>
public sealed class StaffSignIn(
    IOptions<StaffOptions> options, IPasswordHasher<StaffAccount> hasher, SignInLockout lockout, StaffAudit audit, ILogger<StaffSignIn> logger)
{
    /// <summary>The staff cookie's authentication scheme, whichever way staff signed in.</summary>
    public const string Scheme = "CitizenBot.Staff";

    public async Task<SignInOutcome> CheckAsync(string? name, string? password, string address, CancellationToken cancellationToken)
    {
        name ??= "";
        var account = options.Value.Accounts.FirstOrDefault(a => string.Equals(a.Name, name, StringComparison.Ordinal));
        var known = account?.Name ?? "(unknown name)";
        if (await lockout.RemainingLockAsync(name, address, cancellationToken) is { } remaining)
        {
            logger.LogWarning("Refused a staff sign-in for {Account} from {ClientAddress}: locked for {LockSeconds} more seconds", known, address, (int)remaining.TotalSeconds);
            return new SignInOutcome(null, remaining);
        }

        // An unknown name still costs one hash check, so response times do not reveal which names exist.
        var checkedAccount = account ?? new StaffAccount { PasswordHash = options.Value.Accounts.FirstOrDefault()?.PasswordHash ?? "" };
        var verified = checkedAccount.PasswordHash.Length > 0
            && hasher.VerifyHashedPassword(checkedAccount, checkedAccount.PasswordHash, password ?? "") != PasswordVerificationResult.Failed;
        if (account is null || !verified)
        {
            var locked = await lockout.RecordFailureAsync(name, address, cancellationToken);
            logger.LogWarning("Refused a staff sign-in for {Account} from {ClientAddress}: wrong name or password", known, address);
            if (locked is { } lockedFor)
            {
                logger.LogWarning("Staff sign-in for {Account} from {ClientAddress} locked for {LockSeconds} seconds after repeated failures", known, address, (int)lockedFor.TotalSeconds);
            }

            return new SignInOutcome(null, null);
        }

        await lockout.ForgetAccountAsync(name, cancellationToken);
        await audit.RecordAsync(account.Name, StaffActions.SignedIn, null, null, cancellationToken);
        logger.LogInformation("Staff member {Staff} signed in from {ClientAddress}", account.Name, address);
        return new SignInOutcome(account, null);
    }

    /// <summary>The staff member's name and roles: the same claims whichever way they signed in.</summary>
    public static ClaimsPrincipal Principal(string name, IEnumerable<string> roles, string authenticationType)
    {
        var claims = new List<Claim> { new(ClaimTypes.Name, name) };
        claims.AddRange(roles.Select(role => new Claim(ClaimTypes.Role, role)));
        return new ClaimsPrincipal(new ClaimsIdentity(claims, authenticationType));
    }

    /// <summary>A path on this site to return to after signing in, or <paramref name="fallback"/>; never another site ("//evil", "/\evil").</summary>
    public static string LocalPathOr(string? returnUrl, string fallback) =>
        returnUrl is { Length: > 0 } && returnUrl[0] == '/' && (returnUrl.Length == 1 || (returnUrl[1] != '/' && returnUrl[1] != '\\'))
            ? returnUrl
            : fallback;
}
