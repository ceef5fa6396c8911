namespace CitizenBot.Staff;

/// <summary>
/// The named authorization policies every staff endpoint uses, and the roles each admits. One table, so who may do what
/// is read in one place (and the README's table of staff pages says the same).
/// </summary>
public static class StaffPolicies
{
    /// <summary>The agent console's API and live line: cases, transcripts, replies, transfers.</summary>
    public const string AgentDesk = "staff-agent-desk";

    /// <summary>The dashboard, its JSON and CSV, and the council's reports.</summary>
    public const string Figures = "staff-figures";

    /// <summary>The editors' view of the knowledge folder with its try-a-question box.</summary>
    public const string Knowledge = "staff-knowledge";

    /// <summary>The governance records (GDPR Art. 30 record, DPIA inputs, description of the system).</summary>
    public const string Records = "staff-records";

    /// <summary>Export and deletion of one citizen's conversation, with what they wrote unredacted.</summary>
    public const string DataSubjectRequests = "staff-data-subject-requests";

    /// <summary>The record of what staff did.</summary>
    public const string AuditLog = "staff-audit-log";

    /// <summary>Any signed-in staff member: the floor under every page below /admin.</summary>
    public const string AnyStaff = "staff-any";

    private static readonly Dictionary<string, string[]> Roles = new()
    {
        [AgentDesk] = [StaffRoles.Agent, StaffRoles.Supervisor, StaffRoles.Admin],
        [Figures] = [StaffRoles.Editor, StaffRoles.Admin],
        [Knowledge] = [StaffRoles.Editor, StaffRoles.Admin],
        [Records] = [StaffRoles.Admin, StaffRoles.Privacy],
        [DataSubjectRequests] = [StaffRoles.Privacy],
        [AuditLog] = [StaffRoles.Admin],
        [AnyStaff] = [.. StaffRoles.All],
    };

    public static IReadOnlyCollection<string> Names => Roles.Keys;

    public static IReadOnlyList<string> RolesOf(string policy) => Roles[policy];
}
