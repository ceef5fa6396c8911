using CitizenBot.Staff;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CitizenBot.Knowledge;

/// <summary>The editors' view of the knowledge folder: which files serve, which are broken and where; editors and admins only.</summary>
public static class KnowledgeAdminEndpoints
{
    public const string Path = "/knowledge";

    public static RouteGroupBuilder MapKnowledgeAdmin(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.MapGet(Path, (string? question) => new RazorComponentResult<KnowledgeAdminPage>(new { Question = question }))
            .RequireAuthorization(StaffPolicies.Knowledge);
        return admin;
    }
}
