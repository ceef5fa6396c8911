using CitizenBot.Staff;
using Microsoft.AspNetCore.Identity;

namespace CitizenBot.BrowserTests.Infrastructure;

/// <summary>The browser fixture with one staff account (agent1) and staff on duty around the clock, so the test never runs outside office hours.</summary>
public sealed class AgentDeskFixture : BrowserFixture
{
    public const string AgentName = "agent1";
    public const string AgentPassword = "correct horse battery staple";

    public AgentDeskFixture()
        : base(Settings())
    {
    }

    private static Dictionary<string, string?> Settings()
    {
        var settings = new Dictionary<string, string?>
        {
            ["Staff:Accounts:0:Name"] = AgentName,
            ["Staff:Accounts:0:PasswordHash"] = new PasswordHasher<StaffAccount>().HashPassword(new StaffAccount { Name = AgentName }, AgentPassword),
            ["Staff:Accounts:0:Roles:0"] = StaffRoles.Agent,
        };
        foreach (var day in Enum.GetValues<DayOfWeek>())
        {
            settings[$"Handoff:OfficeHours:{day}:0"] = "00:00-23:59";
        }

        // The configured holidays are replaced by one long past, so no calendar day closes the desk.
        for (var index = 0; index < 10; index++)
        {
            settings[$"Handoff:Holidays:{index}"] = "2000-01-01";
        }

        return settings;
    }
}
