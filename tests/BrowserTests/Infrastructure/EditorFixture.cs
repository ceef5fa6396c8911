using CitizenBot.Staff;
using Microsoft.AspNetCore.Identity;

namespace CitizenBot.BrowserTests.Infrastructure;

/// <summary>The browser fixture with one editor account, who may read the /admin dashboard.</summary>
public sealed class EditorFixture : BrowserFixture
{
    public const string EditorName = "editor";
    public const string EditorPassword = "correct horse battery staple";

    public EditorFixture()
        : base(new Dictionary<string, string?>
        {
            ["Staff:Accounts:0:Name"] = EditorName,
            ["Staff:Accounts:0:PasswordHash"] = new PasswordHasher<StaffAccount>().HashPassword(new StaffAccount { Name = EditorName }, EditorPassword),
            ["Staff:Accounts:0:Roles:0"] = StaffRoles.Editor,
        })
    {
    }
}
