using System.Globalization;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.Options;

namespace CitizenBot.Handoff;

/// <summary>The citizens waiting for a person: their order, the estimated wait, and telling each of them when their place changes.</summary>
public sealed class WaitingCitizens(HandoffStore store, CitizenMessenger messenger, DeskNotifications desks, CitizenTexts texts, IOptions<HandoffOptions> options) : IDisposable
{
    private const int RecentAccepts = 20;

    // Positions are recomputed and told one refresh at a time, so two changes cannot tell a citizen two different places.
    private readonly SemaphoreSlim _refreshGate = new(1, 1);

    /// <summary>Waiting cases, highest priority first, then the longest waiting.</summary>
    public Task<IReadOnlyList<HandoffCase>> WaitingAsync(CancellationToken cancellationToken) =>
        store.ListAsync([HandoffState.Queued], cancellationToken);

    /// <summary>Per position: the average of recent accepts, or the configured default while there are none.</summary>
    public async Task<TimeSpan> WaitPerPositionAsync(CancellationToken cancellationToken)
    {
        var waits = await store.RecentWaitsAsync(RecentAccepts, cancellationToken);
        return waits.Count == 0
            ? options.Value.DefaultWaitPerPosition
            : TimeSpan.FromTicks((long)waits.Average(wait => Math.Max(wait.Ticks, 0)));
    }

    /// <summary>
    /// After any change to the queue or a served case: tells every waiting citizen whose position changed (or who was
    /// never told) their place and the estimated wait, and the open agent consoles the new case list.
    /// </summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refreshGate.WaitAsync(cancellationToken);
        try
        {
            var waiting = await WaitingAsync(cancellationToken);
            var perPosition = await WaitPerPositionAsync(cancellationToken);
            for (var index = 0; index < waiting.Count; index++)
            {
                var position = index + 1;
                var waitingCase = waiting[index];
                if (await store.SetToldPositionAsync(waitingCase.Id, position, cancellationToken))
                {
                    var minutes = Math.Max(1, (int)Math.Ceiling(perPosition.TotalMinutes * position));
                    var text = texts.Get(HandoffTextKeys.QueuePosition, waitingCase.Language)
                        .Replace("{Position}", position.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
                        .Replace("{Minutes}", minutes.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
                    await messenger.SendTextAsync(
                        waitingCase.Conversation, waitingCase.Language, text, [texts.Get(HandoffTextKeys.Cancel, waitingCase.Language)], cancellationToken);
                }
            }

            await desks.CasesChangedAsync(cancellationToken);
        }
        finally
        {
            _refreshGate.Release();
        }
    }

    public void Dispose() => _refreshGate.Dispose();
}
