using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CitizenBot.Storage;
using Dapper;
using Microsoft.Extensions.Options;

namespace CitizenBot.Staff;

/// <summary>
/// Counts failed local sign-ins per account name and per client address in the database (so every replica counts the
/// same) and locks either for a while once too many came in a row; each further failure doubles the lock.
/// Names and addresses are kept only as hashes: a name field sometimes receives a password typed in the wrong box.
/// </summary>
public sealed class SignInLockout(BotDatabase database, IOptions<SignInLimits> options, TimeProvider time)
{
    /// <summary>How much longer sign-ins for this account or from this address are refused; null when neither is locked.</summary>
    public async Task<TimeSpan?> RemainingLockAsync(string account, string address, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        await using var connection = await database.OpenAsync(cancellationToken);
        var until = await connection.QueryAsync<string>(
            "SELECT locked_until FROM staff_sign_in_failures WHERE (subject = @account OR subject = @address) AND locked_until > @now",
            new { account = AccountSubject(account), address = AddressSubject(address), now = Text(now) });
        return until.Select(Parse).Order().LastOrDefault() is { } latest && latest > now ? latest - now : null;
    }

    /// <summary>Counts one failure for the account and for the address; returns the lock that starts now, if one does.</summary>
    public async Task<TimeSpan?> RecordFailureAsync(string account, string address, CancellationToken cancellationToken)
    {
        var limits = options.Value;
        var accountLock = await CountAsync(AccountSubject(account), limits.FailuresBeforeAccountLockout, cancellationToken);
        var addressLock = await CountAsync(AddressSubject(address), limits.FailuresBeforeAddressLockout, cancellationToken);
        return (accountLock ?? TimeSpan.Zero) >= (addressLock ?? TimeSpan.Zero) ? accountLock : addressLock;
    }

    /// <summary>A right password ends the account's run of failures; the address keeps its count until it is forgotten.</summary>
    public Task ForgetAccountAsync(string account, CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection => connection.ExecuteAsync("DELETE FROM staff_sign_in_failures WHERE subject = @subject", new { subject = AccountSubject(account) }),
            cancellationToken);

    private Task<TimeSpan?> CountAsync(string subject, int threshold, CancellationToken cancellationToken) =>
        database.WriteAsync(
            async connection =>
            {
                var limits = options.Value;
                var now = time.GetUtcNow();
                var forgetBefore = Text(now - limits.FailuresForgottenAfter);
                await connection.ExecuteAsync(
                    "DELETE FROM staff_sign_in_failures WHERE last_failure_at < @forgetBefore AND (locked_until IS NULL OR locked_until < @now)",
                    new { forgetBefore, now = Text(now) });
                var failures = await connection.QuerySingleAsync<int>(
                    """
                    INSERT INTO staff_sign_in_failures (subject, failures, last_failure_at) VALUES (@subject, 1, @now)
                    ON CONFLICT (subject) DO UPDATE SET
                        failures = CASE WHEN staff_sign_in_failures.last_failure_at < @forgetBefore THEN 1 ELSE staff_sign_in_failures.failures + 1 END,
                        last_failure_at = excluded.last_failure_at
                    RETURNING failures
                    """,
                    new { subject, now = Text(now), forgetBefore });
                if (failures < threshold)
                {
                    return (TimeSpan?)null;
                }

                var lockout = LockoutAfter(failures - threshold, limits);
                await connection.ExecuteAsync(
                    "UPDATE staff_sign_in_failures SET locked_until = @until WHERE subject = @subject",
                    new { subject, until = Text(now + lockout) });
                return lockout;
            },
            cancellationToken);

    /// <summary>FirstLockout, doubled for every failure past the threshold, never longer than LongestLockout.</summary>
    private static TimeSpan LockoutAfter(int failuresPastThreshold, SignInLimits limits) =>
        TimeSpan.FromSeconds(Math.Min(limits.FirstLockout.TotalSeconds * Math.Pow(2, failuresPastThreshold), limits.LongestLockout.TotalSeconds));

    private static string AccountSubject(string account) => "account:" + Hash(account);

    private static string AddressSubject(string address) => "address:" + Hash(address);

    private static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static string Text(DateTimeOffset moment) => moment.ToString("O", CultureInfo.InvariantCulture);

    private static DateTimeOffset Parse(string value) => DateTimeOffset.Parse(value, CultureInfo.InvariantCulture);
}
