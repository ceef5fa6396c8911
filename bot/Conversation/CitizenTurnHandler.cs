using CitizenBot.Answering;
using CitizenBot.Channels.Activities;
using CitizenBot.Handoff;
using CitizenBot.Transparency;

namespace CitizenBot.Conversation;

/// <summary>The citizen-facing behaviour: disclose first, then answer questions.</summary>
public sealed class CitizenTurnHandler(CitizenTexts texts, IQuestionAnswerer answerer, CitizenHandoff handoff) : ITurnHandler
{
    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        switch (turn.Activity.Type)
        {
            case ActivityTypes.ConversationUpdate when CitizenJoined(turn.Activity):
                await GreetOnceAsync(turn, cancellationToken);
                break;
            case ActivityTypes.Message:
                await GreetOnceAsync(turn, cancellationToken);
                if (await handoff.TryHandleAsync(turn, cancellationToken))
                {
                    break;
                }

                await AnswerAsync(turn, cancellationToken);
                break;
        }
    }

    private static bool CitizenJoined(Activity activity) =>
        activity.MembersAdded?.Any(member => member.Id != activity.Recipient?.Id) == true;

    private async Task GreetOnceAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        if (turn.State.Greeted)
        {
            return;
        }

        var greeting = turn.Activity.CreateReply(texts.Get(TextKeys.Greeting, turn.Language));
        greeting.TextFormat = "markdown";
        greeting.Locale = turn.Language;
        greeting.SuggestedActions = handoff.OfferButtons(turn.Language);
        await turn.SendAsync(greeting, cancellationToken);
        turn.State.Greeted = true;
    }

    private async Task AnswerAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        var answer = await answerer.AnswerAsync(new Question(turn.Activity.Text ?? "", turn.Language), cancellationToken);
        await turn.SendTextAsync(answer.Text, cancellationToken);
        // The extractive answerer will mark abstentions on the answer; until then every answer counts as given.
        await handoff.RecordAnswerOutcomeAsync(turn, abstained: false, cancellationToken);
    }
}
