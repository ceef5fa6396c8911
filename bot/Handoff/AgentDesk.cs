using System.Text.Json.Nodes;
using CitizenBot.SharedKernel;
using CitizenBot.Staff;
using CitizenBot.Storage;
using CitizenBot.Transparency;
using Microsoft.Extensions.Options;

namespace CitizenBot.Handoff;

/// <summary>A signed-in staff member; supervisors and admins may act on cases other agents hold.</summary>
public sealed record StaffMember(string Name, bool Supervises);

/// <summary>Why the desk refused a request, with a stable code for the console.</summary>
public sealed record DeskProblem(int Status, string Code, string Detail);

/// <summary>A desk answer: the value, or the problem.</summary>
public sealed record DeskResult<T>(T? Value, DeskProblem? Problem)
{
    public static implicit operator DeskResult<T>(DeskProblem problem) => new(default, problem);
}

/// <summary>A case as the console lists it.</summary>
public sealed record DeskCase(
    string Id, string State, string Reason, int Priority, string Language, bool ConsentToHistory, int? Position,
    DateTimeOffset? QueuedAt, DateTimeOffset? AcceptedAt, string? Agent);

/// <summary>One line of the transcript staff see: who wrote it, what, and for bot answers the sources and confidence.</summary>
public sealed record TranscriptEntry(long Sequence, string Author, string? Text, DateTimeOffset? Timestamp, IReadOnlyList<TranscriptSource> Sources, JsonNode? Confidence);

public sealed record TranscriptSource(string? Name, string? Url);

/// <summary>
/// What staff do at the agent desk: see who waits, accept (exactly one wins), read what they may read, reply as city
/// staff, transfer, close. Every refusal is a <see cref="DeskProblem"/>; a refused request changes nothing.
/// </summary>
public sealed class AgentDesk(
    HandoffStore store,
    WaitingCitizens waiting,
    HandoffTranscript transcripts,
    HandoffProtocol protocol,
    CitizenMessenger messenger,
    StaffDirectory staffDirectory,
    StaffAudit audit,
    CitizenTexts texts,
    IOptions<HandoffOptions> options,
    TimeProvider time,
    ILogger<AgentDesk> logger)
{
    public Task<IReadOnlyList<DeskCase>> ListAsync(CancellationToken cancellationToken) => DeskCases.ListAsync(store, cancellationToken);

    public async Task<DeskResult<DeskCase>> AcceptAsync(string caseId, StaffMember staff, CancellationToken cancellationToken)
    {
        var found = await store.FindAsync(caseId, cancellationToken);
        if (found is null)
        {
            return NotFound(caseId);
        }

        if (!await store.MoveAsync(caseId, [HandoffState.Queued], HandoffState.Accepted, new CaseChanges(Agent: staff.Name), cancellationToken))
        {
            return new DeskProblem(StatusCodes.Status409Conflict, "NotWaiting", $"Case {caseId} is not waiting; someone accepted it already or it ended.");
        }

        await audit.RecordAsync(staff.Name, StaffActions.CaseAccepted, caseId, null, cancellationToken);
        logger.LogInformation("Handoff {CaseId} accepted by {Agent}", caseId, staff.Name);
        await messenger.SendTextAsync(found.Conversation, found.Language, texts.Get(HandoffTextKeys.Accepted, found.Language), null, cancellationToken);
        await protocol.StatusAsync(found, HandoffStatus.Accepted, cancellationToken);
        await waiting.RefreshAsync(cancellationToken);
        return new DeskResult<DeskCase>(DeskCases.From((await store.FindAsync(caseId, cancellationToken))!, null), null);
    }

    public async Task<DeskResult<IReadOnlyList<TranscriptEntry>>> TranscriptAsync(string caseId, StaffMember staff, CancellationToken cancellationToken)
    {
        var found = await store.FindAsync(caseId, cancellationToken);
        if (found is null)
        {
            return NotFound(caseId);
        }

        if (found.State == HandoffState.Accepted && found.Agent != staff.Name && !staff.Supervises)
        {
            return NotYours(caseId);
        }

        var visible = await transcripts.VisibleAsync(found, cancellationToken);
        return new DeskResult<IReadOnlyList<TranscriptEntry>>(visible.Select(ToEntry).ToList(), null);
    }

    public async Task<DeskResult<DeskCase>> ReplyAsync(string caseId, StaffMember staff, string? text, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return new DeskProblem(StatusCodes.Status400BadRequest, "EmptyReply", "A reply needs text.");
        }

        if (text.Length > options.Value.MaxReplyLength)
        {
            return new DeskProblem(
                StatusCodes.Status400BadRequest, "ReplyTooLong", $"A reply may have at most {options.Value.MaxReplyLength} characters; this one has {text.Length}.");
        }

        var (found, problem) = await HeldByAsync(caseId, staff, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        await messenger.SendFromStaffAsync(found!.Conversation, found.Language, text, cancellationToken);
        return new DeskResult<DeskCase>(DeskCases.From(found, null), null);
    }

    public async Task<DeskResult<DeskCase>> CloseAsync(string caseId, StaffMember staff, CancellationToken cancellationToken)
    {
        var (found, problem) = await HeldByAsync(caseId, staff, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        if (!await store.MoveAsync(caseId, [HandoffState.Accepted], HandoffState.Completed, null, cancellationToken))
        {
            return Closed(caseId);
        }

        await audit.RecordAsync(staff.Name, StaffActions.CaseClosed, caseId, null, cancellationToken);
        await protocol.StatusAsync(found!, HandoffStatus.Completed, cancellationToken);
        // A citizen who chose people only is not handed back to the assistant; their next message goes to a person again.
        var backTo = (await store.ProfileAsync(found!.Conversation, cancellationToken)).HumanOnly ? HandoffTextKeys.BackToPeopleOnly : HandoffTextKeys.BackToBot;
        await messenger.SendTextAsync(found.Conversation, found.Language, texts.Get(backTo, found.Language), null, cancellationToken);
        await waiting.RefreshAsync(cancellationToken);
        return new DeskResult<DeskCase>(DeskCases.From((await store.FindAsync(caseId, cancellationToken))!, null), null);
    }

    /// <summary>Hands the case to a named colleague, or back to the queue, where its wait (and accept timeout) starts anew.</summary>
    public async Task<DeskResult<DeskCase>> TransferAsync(string caseId, StaffMember staff, string? to, CancellationToken cancellationToken)
    {
        if (to is not null && !await staffDirectory.ServesCitizensAsync(to, cancellationToken))
        {
            return new DeskProblem(StatusCodes.Status400BadRequest, "UnknownAgent", $"'{to}' is not a staff member who serves citizens.");
        }

        var (found, problem) = await HeldByAsync(caseId, staff, cancellationToken);
        if (problem is not null)
        {
            return problem;
        }

        var moved = to is null
            ? await store.MoveAsync(caseId, [HandoffState.Accepted], HandoffState.Queued, new CaseChanges(RequeuedAt: time.GetUtcNow()), cancellationToken)
            : await store.MoveAsync(caseId, [HandoffState.Accepted], HandoffState.Accepted, new CaseChanges(Agent: to), cancellationToken);
        if (!moved)
        {
            return Closed(caseId);
        }

        await audit.RecordAsync(staff.Name, to is null ? StaffActions.CaseReturnedToQueue : StaffActions.CaseTransferred, caseId, to, cancellationToken);
        await waiting.RefreshAsync(cancellationToken);

        return new DeskResult<DeskCase>(DeskCases.From((await store.FindAsync(caseId, cancellationToken))!, null), null);
    }

    private async Task<(HandoffCase? Case, DeskProblem? Problem)> HeldByAsync(string caseId, StaffMember staff, CancellationToken cancellationToken)
    {
        var found = await store.FindAsync(caseId, cancellationToken);
        if (found is null)
        {
            return (null, NotFound(caseId));
        }

        if (found.State != HandoffState.Accepted)
        {
            return (null, Closed(caseId));
        }

        return found.Agent == staff.Name || staff.Supervises ? (found, null) : (null, NotYours(caseId));
    }

    private static DeskProblem NotFound(string caseId) => new(StatusCodes.Status404NotFound, "CaseNotFound", $"There is no case {caseId}.");

    private static DeskProblem Closed(string caseId) =>
        new(StatusCodes.Status409Conflict, "CaseNotActive", $"Case {caseId} is not being served; accept it first, or it has ended.");

    private static DeskProblem NotYours(string caseId) =>
        new(StatusCodes.Status403Forbidden, "NotYourCase", $"Case {caseId} is held by another agent; a supervisor can transfer it.");


    private static TranscriptEntry ToEntry(StoredActivity stored)
    {
        var activity = stored.Activity;
        var message = activity.Entities?.FirstOrDefault(e => e.Type == AiLabel.EntityType)?.Properties;
        var author = stored.Direction == ActivityDirection.Inbound ? "citizen" : message?["author"] is not null ? "staff" : "bot";
        var sources = (message?["citation"] as JsonArray ?? [])
            .Select(claim => claim?["appearance"])
            .Where(appearance => appearance is not null)
            .Select(appearance => new TranscriptSource(appearance!["name"]?.GetValue<string>(), appearance["url"]?.GetValue<string>()))
            .ToList();
        return new TranscriptEntry(stored.Sequence, author, activity.Text, activity.Timestamp, sources, message?["confidence"]?.DeepClone());
    }
}
