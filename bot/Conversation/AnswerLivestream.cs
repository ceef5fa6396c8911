using System.Text.Json.Nodes;
using CitizenBot.Answering;
using CitizenBot.SharedKernel.Activities;

namespace CitizenBot.Conversation;

/// <summary>
/// Shows a growing answer in Web Chat as a livestream: typing activities whose channelData carries streamType "streaming",
/// a rising streamSequence and, after the first, the first one's id as streamId; the final message concludes it and replaces the drafts.
/// </summary>
public sealed class AnswerLivestream(TurnContext turn) : IAnswerDrafts
{
    private string? _streamId;
    private int _sequence;
    private string _shown = "";

    public async Task ShowAsync(string draft, CancellationToken cancellationToken)
    {
        if (draft == _shown)
        {
            return;
        }

        var interim = turn.CreateTextReply(draft);
        interim.Type = ActivityTypes.Typing;
        var channelData = new JsonObject { ["streamType"] = "streaming", ["streamSequence"] = ++_sequence };
        if (_streamId is not null)
        {
            channelData["streamId"] = _streamId;
        }

        interim.ChannelData = channelData;
        var stored = await turn.SendAsync(interim, cancellationToken);
        _streamId ??= stored.Activity.Id;
        _shown = draft;
    }

    /// <summary>Marks the reply as the end of the livestream, when one was started; its text is what stays.</summary>
    public void Conclude(Activity final)
    {
        if (_streamId is not null)
        {
            final.ChannelData = new JsonObject { ["streamType"] = "final", ["streamId"] = _streamId };
        }
    }
}
