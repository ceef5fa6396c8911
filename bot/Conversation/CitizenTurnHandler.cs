using System.Text.Json.Nodes;
using CitizenBot.Answering;
using CitizenBot.Channels.Activities;
using CitizenBot.Handoff;
using CitizenBot.Privacy;
using CitizenBot.Transparency;

namespace CitizenBot.Conversation;

/// <summary>The citizen-facing behaviour: disclose first, then answer questions with their sources.</summary>
public sealed class CitizenTurnHandler(
    CitizenTexts texts, IQuestionAnswerer answerer, CitizenHandoff handoff, IPersonalDataRedactor redactor, CitizenPrivacy privacy) : ITurnHandler
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
                if (privacy.AsksToDeleteHistory(turn.Activity.Text))
                {
                    await DeleteHistoryAsync(turn, cancellationToken);
                    break;
                }

                // "Bist du ein Mensch?" names a person but asks about the bot: an honest answer, not a handoff.
                if (QuestionIntents.AsksWhetherBotIsHuman(turn.Activity.Text ?? "") && !await handoff.OwnsConversationAsync(turn.Conversation.Key, cancellationToken))
                {
                    await AnswerAsync(turn, cancellationToken);
                    break;
                }

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
        greeting.SuggestedActions.Actions?.Add(privacy.DeleteHistoryButton(turn.Language));
        await turn.SendAsync(greeting, cancellationToken);
        turn.State.Greeted = true;
    }

    /// <summary>Deletes what was said so far and confirms; the conversation goes on, and a new notice about personal data may follow.</summary>
    private async Task DeleteHistoryAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        await privacy.DeleteHistoryAsync(turn.Conversation.Key, cancellationToken);
        turn.State.PersonalDataNoticeShown = false;
        await turn.SendTextAsync(texts.Get(PrivacyTextKeys.HistoryDeleted, turn.Language), cancellationToken);
    }

    private async Task AnswerAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // The search and anything after it see placeholders, never the personal data; the stored transcript keeps the original.
        var redacted = redactor.Redact(turn.Activity.Text ?? "");
        if (redacted.HadPersonalData && !turn.State.PersonalDataNoticeShown)
        {
            await turn.SendTextAsync(texts.Get(PrivacyTextKeys.PersonalDataNotice, turn.Language), cancellationToken);
            turn.State.PersonalDataNoticeShown = true;
        }

        var question = new Question(redacted.Text, turn.Language, ChosenKnowledgeId(turn.Activity));
        var answer = await answerer.AnswerAsync(question, cancellationToken);
        await turn.SendAsync(ToActivity(turn, answer), cancellationToken);
        await handoff.RecordAnswerOutcomeAsync(turn, abstained: answer.Kind == AnswerKind.NoReliableAnswer, cancellationToken);
    }

    /// <summary>A click on an ask-back button carries the chosen service in the activity's value.</summary>
    private static string? ChosenKnowledgeId(Activity activity) =>
        activity.Value is JsonObject value && value["knowledgeId"] is JsonValue id && id.TryGetValue<string>(out var knowledgeId) ? knowledgeId : null;

    private static Activity ToActivity(TurnContext turn, Answer answer)
    {
        var reply = turn.CreateTextReply(answer.Text);
        if (answer.Citations.Count > 0)
        {
            // Web Chat links a citation to the Markdown link definition whose label equals its position ("[1]: url").
            AiLabel.MessageEntity(reply)["citation"] = new JsonArray([.. answer.Citations.Select(Claim)]);
        }

        if (answer.Choices.Count > 0)
        {
            reply.SuggestedActions = new SuggestedActions { Actions = [.. answer.Choices.Select(Choice)] };
        }

        return reply;
    }

    private static JsonObject Claim(Citation citation) => new()
    {
        ["@type"] = "Claim",
        ["position"] = citation.Position,
        ["appearance"] = new JsonObject
        {
            ["@type"] = "DigitalDocument",
            ["name"] = citation.Title,
            ["url"] = citation.Url.AbsoluteUri,
            ["abstract"] = citation.Abstract,
            ["identifier"] = citation.KnowledgeId,
        },
    };

    private static CardAction Choice(AnswerChoice choice) => new()
    {
        Type = "messageBack",
        Title = choice.Title,
        Text = choice.Title,
        DisplayText = choice.Title,
        Value = new JsonObject { ["knowledgeId"] = choice.KnowledgeId },
    };
}
