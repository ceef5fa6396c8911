using System.Text.Json.Nodes;
using CitizenBot.Answering;
using CitizenBot.Answering.Generation;
using CitizenBot.Channels.Activities;
using CitizenBot.Handoff;
using CitizenBot.Insights;
using CitizenBot.Privacy;
using CitizenBot.Telemetry;
using CitizenBot.Transparency;

namespace CitizenBot.Conversation;

/// <summary>The citizen-facing behaviour: disclose first, then answer questions with their sources.</summary>
public sealed class CitizenTurnHandler(
    CitizenTexts texts,
    IQuestionAnswerer answerer,
    CitizenHandoff handoff,
    AgentHubEvents hubEvents,
    IPersonalDataRedactor redactor,
    CitizenPrivacy privacy,
    CitizenFeedback feedback,
    AnswerLog answers,
    CitizenBotTelemetry telemetry,
    TimeProvider time) : ITurnHandler
{
    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        switch (turn.Activity.Type)
        {
            case ActivityTypes.Message or ActivityTypes.Event or ActivityTypes.Invoke when AnswerFeedback.Read(turn.Activity) is { } vote:
                await feedback.ReceiveAsync(turn, vote, cancellationToken);
                break;
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
            case ActivityTypes.Event when AgentHubEvents.IsStatus(turn):
                await hubEvents.ReceiveStatusAsync(turn, cancellationToken);
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

        var question = QuestionOf(turn, redacted.Text);
        using var span = CitizenBotTelemetry.StartAnswer();
        var livestream = turn.ShowsLivestreams ? new AnswerLivestream(turn) : null;
        var started = time.GetTimestamp();
        var answer = livestream is null
            ? await answerer.AnswerAsync(question, cancellationToken)
            : await answerer.AnswerAsync(question, livestream, cancellationToken);
        var took = time.GetElapsedTime(started);
        span?.SetTag("citizenbot.answer.outcome", answer.Kind.ToString()).SetTag("citizenbot.answer.style", question.Style.ToString());
        telemetry.CountAnswer(answer.Kind.ToString(), question.Language);
        var reply = ToActivity(turn, answer);
        var feedbackReference = AnswerLog.Counts(answer) ? OfferFeedback(turn, reply) : null;
        livestream?.Conclude(reply);
        var sent = await turn.SendAsync(reply, cancellationToken);
        if (feedbackReference is not null)
        {
            await answers.RecordAsync(turn, feedbackReference, sent.Activity.Id!, question, answer, took, cancellationToken);
        }

        if (answer.Kind == AnswerKind.Service && answer.Citations.Count > 0 && question.Style == AnswerStyle.Standard)
        {
            turn.State.LastAnswered = new AnsweredQuestion(question.Text, answer.Citations[0].KnowledgeId);
        }

        await handoff.RecordAnswerOutcomeAsync(turn, abstained: answer.Kind == AnswerKind.NoReliableAnswer, cancellationToken);
    }

    /// <summary>A request for other wording ("einfacher bitte", the button, "in English") asks the last answered question again in that style.</summary>
    private static Question QuestionOf(TurnContext turn, string text)
    {
        var style = RequestedStyle(turn.Activity) ?? StyleRequests.Of(text);
        var language = style == AnswerStyle.Translated ? "en" : turn.Language;
        return style != AnswerStyle.Standard && turn.State.LastAnswered is { } last
            ? new Question(last.Text, language, last.KnowledgeId, style)
            : new Question(text, language, ChosenKnowledgeId(turn.Activity), style);
    }

    private static AnswerStyle? RequestedStyle(Activity activity) =>
        activity.Value is JsonObject value && value["answerStyle"] is JsonValue style && style.TryGetValue<string>(out var name)
        && Enum.TryParse<AnswerStyle>(name, ignoreCase: true, out var parsed) ? parsed : null;

    /// <summary>A click on an ask-back button carries the chosen service in the activity's value.</summary>
    private static string? ChosenKnowledgeId(Activity activity) =>
        activity.Value is JsonObject value && value["knowledgeId"] is JsonValue id && id.TryGetValue<string>(out var knowledgeId) ? knowledgeId : null;

    private Activity ToActivity(TurnContext turn, Answer answer)
    {
        var reply = turn.CreateTextReply(answer.Text);
        if (answer.Citations.Count > 0)
        {
            // Web Chat links a citation to the Markdown link definition whose label equals its position ("[1]: url").
            AiLabel.MessageEntity(reply)["citation"] = new JsonArray([.. answer.Citations.Select(Claim)]);
        }

        if (answer.Kind is AnswerKind.Service or AnswerKind.AskBack or AnswerKind.NoReliableAnswer)
        {
            // Staff who take over see how sure the bot was of each answer it gave.
            AiLabel.MessageEntity(reply)["confidence"] = Math.Round(answer.Confidence, 2);
        }

        if (answer.Choices.Count > 0)
        {
            reply.SuggestedActions = new SuggestedActions { Actions = [.. answer.Choices.Select(Choice)] };
        }
        else if (answer.OffersSimplerWording)
        {
            var title = texts.Get(GenerationTextKeys.SimplerWordingButton, turn.Language);
            reply.SuggestedActions = new SuggestedActions
            {
                Actions = [new CardAction { Type = "messageBack", Title = title, Text = title, DisplayText = title, Value = new JsonObject { ["answerStyle"] = nameof(AnswerStyle.Simple) } }],
            };
        }

        return reply;
    }

    /// <summary>Thumbs up and down under the answer: Web Chat's own for its channels, buttons elsewhere when the answer has none of its own.</summary>
    private string OfferFeedback(TurnContext turn, Activity reply)
    {
        var reference = AnswerFeedback.NewReference();
        AiLabel.MessageEntity(reply)["potentialAction"] = AnswerFeedback.PotentialActions(reference);
        if (!AnswerFeedback.ShowsThumbs(turn.Activity.ChannelId) && reply.SuggestedActions is null)
        {
            reply.SuggestedActions = new SuggestedActions
            {
                Actions = AnswerFeedback.Buttons(
                    reference, texts.Get(InsightsTextKeys.LikeButton, turn.Language), texts.Get(InsightsTextKeys.DislikeButton, turn.Language)),
            };
        }

        return reference;
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
