namespace CitizenBot.Handoff;

/// <summary>The staff roles; who may work at the agent desk.</summary>
public static class StaffRoles
{
    public const string Agent = "agent";
    public const string Supervisor = "supervisor";
    public const string Editor = "editor";
    public const string Admin = "admin";

    /// <summary>The authorization policy for the agent desk API: agents, supervisors and admins serve citizens; editors do not.</summary>
    public const string DeskPolicy = "AgentDesk";
}
