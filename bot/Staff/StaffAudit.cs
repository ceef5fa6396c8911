using System.Globalization;
using CitizenBot.Storage;
using Dapper;

namespace CitizenBot.Staff;

/// <summary>What staff do that an audit asks about; stored as these codes, shown with their words on the audit page.</summary>
public static class StaffActions
{
    public const string SignedIn = "signed-in";
    public const string SignedInAtIdentityProvider = "signed-in-identity-provider";
    public const string SignedOut = "signed-out";
    public const string CaseAccepted = "case-accepted";
    public const string CaseTransferred = "case-transferred";
    public const string CaseReturnedToQueue = "case-returned-to-queue";
    public const string CaseClosed = "case-closed";
    public const string ConversationExported = "conversation-exported";
    public const string ConversationDeleted = "conversation-deleted";
    public const string FiguresExported = "figures-exported";
    public const string ReportExported = "report-exported";

    /// <summary>German first, English in brackets, as on the other staff pages.</summary>
    public static string Describe(string action) => action switch
    {
        SignedIn => "angemeldet (signed in)",
        SignedInAtIdentityProvider => "über den Identitätsanbieter angemeldet (signed in at the identity provider)",
        SignedOut => "abgemeldet (signed out)",
        CaseAccepted => "Gespräch übernommen (accepted a case)",
        CaseTransferred => "Gespräch weitergegeben (transferred a case)",
        CaseReturnedToQueue => "Gespräch in die Warteschlange zurückgegeben (returned a case to the queue)",
        CaseClosed => "Gespräch beendet (closed a case)",
        ConversationExported => "Gespräch exportiert (exported a conversation)",
        ConversationDeleted => "Gespräch gelöscht (deleted a conversation)",
        FiguresExported => "Kennzahlen als CSV geladen (downloaded figures as CSV)",
        ReportExported => "Bericht als CSV geladen (downloaded a report as CSV)",
        _ => action,
    };
}

/// <summary>One line of the audit log: who did what to which case or conversation, and when; never what anyone wrote.</summary>
public sealed record StaffAuditEntry(DateTimeOffset At, string Staff, string Action, string? Subject, string? Detail);

/// <summary>
/// The staff audit log in the database. It has no link to the conversations it names, so deleting a conversation (or its
/// retention running out) leaves the record that staff exported or deleted it.
/// </summary>
public sealed class StaffAudit(BotDatabase database, TimeProvider time)
{
    public Task RecordAsync(string staff, string action, string? subject, string? detail, CancellationToken cancellationToken) =>
        database.WriteAsync(
            connection => connection.ExecuteAsync(
                "INSERT INTO staff_audit (at, staff, action, subject, detail) VALUES (@at, @staff, @action, @subject, @detail)",
                new { at = time.GetUtcNow().ToString("O", CultureInfo.InvariantCulture), staff, action, subject, detail }),
            cancellationToken);

    /// <summary>The newest entries first.</summary>
    public async Task<IReadOnlyList<StaffAuditEntry>> LatestAsync(int count, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        var rows = await connection.QueryAsync<AuditRow>(
            "SELECT at AS At, staff AS Staff, action AS Action, subject AS Subject, detail AS Detail FROM staff_audit ORDER BY id DESC LIMIT @count",
            new { count });
        return rows.Select(row => new StaffAuditEntry(DateTimeOffset.Parse(row.At, CultureInfo.InvariantCulture), row.Staff, row.Action, row.Subject, row.Detail)).ToList();
    }

    private sealed record AuditRow(string At, string Staff, string Action, string? Subject, string? Detail);
}
