namespace CitizenBot.Privacy;

/// <summary>Data subject requests: an administrator exports (JSON) or deletes one conversation by its id under /admin.</summary>
public static class ConversationAdminEndpoints
{
    public const string Path = "/conversations/{id}";

    public static RouteGroupBuilder MapConversationAdmin(this RouteGroupBuilder admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        admin.MapGet(Path, async (string id, Storage.ConversationErasure erasure, CancellationToken cancellationToken) =>
            await erasure.ExportAsync(id, cancellationToken) is { } export
                ? Results.Json(export, contentType: "application/json; charset=utf-8")
                : Results.NotFound());
        admin.MapDelete(Path, async (string id, Storage.ConversationErasure erasure, ILoggerFactory loggers, CancellationToken cancellationToken) =>
        {
            var deleted = await erasure.DeleteAsync(id, cancellationToken);
            loggers.CreateLogger(typeof(ConversationAdminEndpoints)).LogInformation(
                "An administrator deleted {Count} conversations with id {ConversationId}", deleted, id);
            return deleted > 0 ? Results.NoContent() : Results.NotFound();
        });
        return admin;
    }
}
