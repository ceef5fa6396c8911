using CitizenBot.Staff;
using CitizenBot.Storage;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace CitizenBot.Handoff;

/// <summary>
/// The live line to every open agent console: the case list whenever the queue changes, and a nudge when a citizen
/// writes in a case being served. It carries ids and states, never what citizens wrote; consoles fetch that over the API.
/// </summary>
[Authorize(Policy = StaffPolicies.AgentDesk)]
public sealed class AgentDeskHub(HandoffStore store) : Hub
{
    public const string Path = "/api/agent/hub";
    public const string CasesMessage = "cases";
    public const string CitizenWroteMessage = "citizenWrote";

    public override async Task OnConnectedAsync()
    {
        await Clients.Caller.SendAsync(CasesMessage, await DeskCases.ListAsync(store, Context.ConnectionAborted), Context.ConnectionAborted);
        await base.OnConnectedAsync();
    }
}

/// <summary>
/// Tells the open consoles about changes; called wherever the queue or a served case changes. Consoles connected to other
/// replicas hear of it through the database, and their replica tells them.
/// </summary>
public sealed class DeskNotifications(IHubContext<AgentDeskHub> hub, HandoffStore store, BotDatabase database) : IReplicaMessageHandler
{
    private const string CasesChanged = "cases";
    private const string CitizenWrotePrefix = "citizenWrote ";

    public string Channel => ReplicaChannels.AgentDesk;

    public async Task CasesChangedAsync(CancellationToken cancellationToken)
    {
        await SendCasesAsync(cancellationToken);
        await database.NotifyAsync(Channel, CasesChanged, cancellationToken);
    }

    public async Task CitizenWroteAsync(string caseId, CancellationToken cancellationToken)
    {
        await hub.Clients.All.SendAsync(AgentDeskHub.CitizenWroteMessage, caseId, cancellationToken);
        await database.NotifyAsync(Channel, CitizenWrotePrefix + caseId, cancellationToken);
    }

    Task IReplicaMessageHandler.HandleAsync(string message, CancellationToken cancellationToken) =>
        message.StartsWith(CitizenWrotePrefix, StringComparison.Ordinal)
            ? hub.Clients.All.SendAsync(AgentDeskHub.CitizenWroteMessage, message[CitizenWrotePrefix.Length..], cancellationToken)
            : SendCasesAsync(cancellationToken);

    Task IReplicaMessageHandler.CatchUpAsync(CancellationToken cancellationToken) => SendCasesAsync(cancellationToken);

    private async Task SendCasesAsync(CancellationToken cancellationToken) =>
        await hub.Clients.All.SendAsync(AgentDeskHub.CasesMessage, await DeskCases.ListAsync(store, cancellationToken), cancellationToken);
}

/// <summary>The case list as consoles see it: waiting (with their position) and being served.</summary>
public static class DeskCases
{
    public static async Task<IReadOnlyList<DeskCase>> ListAsync(HandoffStore store, CancellationToken cancellationToken)
    {
        var cases = await store.ListAsync([HandoffState.Queued, HandoffState.Accepted], cancellationToken);
        var queued = cases.Where(c => c.State == HandoffState.Queued).ToList();
        return cases.Select(c => From(c, c.State == HandoffState.Queued ? queued.IndexOf(c) + 1 : null)).ToList();
    }

    public static DeskCase From(HandoffCase c, int? position) => new(
        c.Id, c.State.ToString(), c.Reason.ToString(), c.Priority, c.Language, c.Consent == true, position, c.QueuedAt, c.AcceptedAt, c.Agent);
}
