namespace CitizenBot.Staff;

/// <summary>The staff roles a local account or the identity provider's app roles grant.</summary>
public static class StaffRoles
{
    /// <summary>Serves citizens at the agent desk.</summary>
    public const string Agent = "agent";

    /// <summary>Serves citizens and may act on cases other agents hold.</summary>
    public const string Supervisor = "supervisor";

    /// <summary>Keeps the knowledge folder and reads the figures and reports.</summary>
    public const string Editor = "editor";

    /// <summary>Runs the service: everything but data subject requests.</summary>
    public const string Admin = "admin";

    /// <summary>Answers data subject requests: exports and deletes one citizen's conversation.</summary>
    public const string Privacy = "privacy";

    public static readonly IReadOnlyList<string> All = [Agent, Supervisor, Editor, Admin, Privacy];

    /// <summary>Roles that serve citizens at the desk and may be given a case.</summary>
    public static bool ServesCitizens(string role) => StaffPolicies.RolesOf(StaffPolicies.AgentDesk).Contains(role);

    /// <summary>Roles that may act on cases other agents hold.</summary>
    public static bool Supervises(string role) => role is Supervisor or Admin;
}
