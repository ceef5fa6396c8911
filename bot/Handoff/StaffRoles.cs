namespace CitizenBot.Handoff;

/// <summary>The staff roles; who may work at the agent desk.</summary>
public static class StaffRoles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Editor = "editor";
    public const string Admin = "admin";

    public static readonly IReadOnlyList<string> All = [Agent, Supervisor, Editor, Admin];

    /// <summary>The authorization policy for the agent desk API: agents, supervisors and admins serve citizens; editors do not.</summary>
    public const string DeskPolicy = "AgentDesk";

    /// <summary>Roles that serve citizens at the desk.</summary>
    public static bool ServesCitizens(string role) => role is Agent or Supervisor or Admin;

    /// <summary>Roles that may act on cases other agents hold.</summary>
    public static bool Supervises(string role) => role is Supervisor or Admin;
}
