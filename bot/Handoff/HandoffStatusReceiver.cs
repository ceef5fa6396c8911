namespace CitizenBot.Handoff;

/// <summary>
/// A handoff.status (accepted, failed, completed) from a desk outside the bot, a contact centre's webhook or an agent hub on
/// the channel, moved through the same steps as our own desk: accept and close as staff would, failed as when nobody accepts.
/// </summary>
public sealed class HandoffStatusReceiver(AgentDesk desk, HandoffStore store, HandoffTimeouts timeouts)
{
    public static DeskProblem UnknownState { get; } =
        new(StatusCodes.Status400BadRequest, "UnknownHandoffState", "state must be accepted, completed or failed.");

    public async Task<DeskProblem?> ApplyAsync(string caseId, string? state, StaffMember outsideDesk, CancellationToken cancellationToken) => state switch
    {
        HandoffStatus.Accepted => (await desk.AcceptAsync(caseId, outsideDesk, cancellationToken)).Problem,
        HandoffStatus.Completed => (await desk.CloseAsync(caseId, outsideDesk, cancellationToken)).Problem,
        HandoffStatus.Failed => await FailAsync(caseId, cancellationToken),
        _ => UnknownState,
    };

    private async Task<DeskProblem?> FailAsync(string caseId, CancellationToken cancellationToken)
    {
        var found = await store.FindAsync(caseId, cancellationToken);
        if (found is null)
        {
            return new DeskProblem(StatusCodes.Status404NotFound, "CaseNotFound", $"There is no case {caseId}.");
        }

        return await timeouts.OfferCallbackAsync(found, cancellationToken)
            ? null
            : new DeskProblem(StatusCodes.Status409Conflict, "NotWaiting", $"Case {caseId} is not waiting.");
    }
}
