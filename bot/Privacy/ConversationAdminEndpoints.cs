using System.Security.Claims;
using CitizenBot.Staff;
using CitizenBot.Storage;

namespace CitizenBot.Privacy;

/// <summary>Data subject requests: staff with the privacy role export (JSON) or delete one conversation by its id under /admin; both are audited.</summary>
public static class ConversationAdminEndpoints
{
    public const string Path = "/conversations/{id}";

    public static RouteGroupBuilder MapConversationAdmin(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.MapGet(Path, async (string id, ConversationErasure erasure, StaffAudit audit, ClaimsPrincipal user, CancellationToken cancellationToken) =>
        {
            if (await erasure.ExportAsync(id, cancellationToken) is not { } export)
            {
                return Results.NotFound();
            }

            await audit.RecordAsync(user.Identity!.Name!, StaffActions.ConversationExported, id, null, cancellationToken);
            return Results.Json(export, contentType: "application/json; charset=utf-8");
        }).RequireAuthorization(StaffPolicies.DataSubjectRequests);
        admin.MapDelete(Path, async (string id, ConversationErasure erasure, StaffAudit audit, ClaimsPrincipal user, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var deleted = await erasure.DeleteAsync(id, cancellationToken);
            loggers.CreateLogger(typeof(ConversationAdminEndpoints)).LogInformation(
                "Staff member {Staff} deleted {Count} conversations with id {ConversationId}", user.Identity!.Name, deleted, id);
            if (deleted == 0)
            {
                return Results.NotFound();
            }

            await audit.RecordAsync(user.Identity!.Name!, StaffActions.ConversationDeleted, id, null, cancellationToken);
            return Results.NoContent();
        }).RequireAuthorization(StaffPolicies.DataSubjectRequests);
        return admin;
    }
}
