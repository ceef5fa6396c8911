using System.Security.Claims;
using CitizenBot.Channels;
using CitizenBot.Staff;
using Microsoft.Extensions.Options;

namespace CitizenBot.Handoff;

/// <summary>The agent desk's JSON API under /api/agent for signed-in staff who serve citizens: cases, transcript, replies, transfers.</summary>
public static class AgentDeskEndpoints
{
    public const string Prefix = "/api/agent";

    public static IEndpointRouteBuilder MapAgentDesk(this IEndpointRouteBuilder app)
    {
        var desk = app.MapGroup(Prefix).RequireAuthorization(StaffPolicies.AgentDesk).RequireStaffAntiforgery();
        desk.MapGet("/canned-replies", (IOptions<HandoffOptions> options) => Results.Ok(options.Value.CannedReplies));
        desk.MapGet("/colleagues", async (StaffDirectory staff, ClaimsPrincipal user, CancellationToken ct) =>
            Results.Ok((await staff.ServingCitizensAsync(ct)).Where(name => name != user.Identity!.Name)));
        desk.MapGet("/cases", async (AgentDesk agentDesk, CancellationToken ct) => Results.Ok(await agentDesk.ListAsync(ct)));
        desk.MapPost("/cases/{id}/accept", async (string id, AgentDesk agentDesk, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await agentDesk.AcceptAsync(id, Staff(user), ct)));
        desk.MapGet("/cases/{id}/transcript", async (string id, AgentDesk agentDesk, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await agentDesk.TranscriptAsync(id, Staff(user), ct)));
        desk.MapPost("/cases/{id}/replies", async (string id, StaffReply reply, AgentDesk agentDesk, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await agentDesk.ReplyAsync(id, Staff(user), reply.Text, ct)));
        desk.MapPost("/cases/{id}/close", async (string id, AgentDesk agentDesk, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await agentDesk.CloseAsync(id, Staff(user), ct)));
        desk.MapPost("/cases/{id}/transfer", async (string id, CaseTransfer transfer, AgentDesk agentDesk, ClaimsPrincipal user, CancellationToken ct) =>
            Answer(await agentDesk.TransferAsync(id, Staff(user), transfer.To, ct)));
        app.MapHub<AgentDeskHub>(AgentDeskHub.Path);
        return app;
    }

    private static StaffMember Staff(ClaimsPrincipal user) =>
        new(user.Identity!.Name!, user.FindAll(ClaimTypes.Role).Any(role => StaffRoles.Supervises(role.Value)));

    private static IResult Answer<T>(DeskResult<T> result) =>
        result.Problem is { } problem ? ChannelProblems.Problem(problem.Status, problem.Code, problem.Detail) : Results.Ok(result.Value);
}

public sealed record StaffReply(string? Text);

public sealed record CaseTransfer(string? To);
