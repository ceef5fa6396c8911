using System.Text.Json.Nodes;
using CitizenBot.Answering;
using CitizenBot.Answering.Generation;
using CitizenBot.Conversation.Understanding;
using CitizenBot.Handoff;
using CitizenBot.Insights;
using CitizenBot.Privacy;
using CitizenBot.SharedKernel;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Telemetry;
using CitizenBot.Transparency;

namespace CitizenBot.Conversation;

/// <summary>
/// The citizen-facing behaviour: disclose first, understand each message as one intent, let the handoff take what is its own,
/// and answer the rest from the service descriptions with their sources.
/// </summary>
public sealed class CitizenTurnHandler(
    CitizenTexts texts,
    CitizenUnderstanding understanding,
    MessageLanguage messageLanguage,
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
    // "Nicht das Richtige?" offers this many of the services that ranked after the answered one.
    private const int RunnersUpOffered = 3;

    public async Task OnTurnAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        switch (turn.Activity.Type)
        {
            case ActivityTypes.ConversationUpdate when CitizenJoined(turn.Activity):
                await GreetOnceAsync(turn, cancellationToken);
                break;
            case ActivityTypes.Event when AgentHubEvents.IsStatus(turn):
                await hubEvents.ReceiveStatusAsync(turn, cancellationToken);
                break;
            case ActivityTypes.Message:
            case ActivityTypes.Event or ActivityTypes.Invoke when AnswerFeedback.Read(turn.Activity) is not null:
                await OnCitizenMessageAsync(turn, cancellationToken);
                break;
        }
    }

    private async Task OnCitizenMessageAsync(TurnContext turn, CancellationToken cancellationToken)
    {
        // Understanding, search and anything after them see placeholders, never the personal data; the stored transcript keeps the original.
        var redacted = redactor.Redact(turn.Activity.Text ?? "");
        if (turn.Activity.IsMessage && turn.Activity.Value is null)
        {
            // The citizen is answered in the language they write, and keeps it until they write another.
            turn.Language = turn.State.Language = messageLanguage.Of(redacted.Text, turn.Language);
        }

        var intent = await understanding.UnderstandAsync(turn.Activity, redacted.Text, turn.Language, cancellationToken);
        if (intent.Kind == IntentKind.Feedback)
        {
            await feedback.ReceiveAsync(turn, intent.Vote!, cancellationToken);
            return;
        }

        await GreetOnceAsync(turn, cancellationToken);
        if (intent.Kind == IntentKind.DeleteHistory)
        {
            await DeleteHistoryAsync(turn, cancellationToken);
            return;
        }

        if (await handoff.TryHandleAsync(turn, intent, cancellationToken))
        {
            return;
        }

        switch (intent.Kind)
        {
            case IntentKind.ServiceQuestion or IntentKind.ChosenService or IntentKind.OtherWording or IntentKind.RunnersUp when QuestionOf(turn, intent) is { } question:
                await AnswerAsync(turn, question, redacted.HadPersonalData, cancellationToken);
                break;
            case IntentKind.OutOfScope:
                await AbstainAsync(turn, intent, cancellationToken);
                break;
            case IntentKind.Injection:
                await SayAsync(turn, TextKeys.Refusal, cancellationToken);
                break;
            case IntentKind.Empty:
                await SayAsync(turn, TextKeys.EmptyQuestion, cancellationToken);
                break;
            case IntentKind.SmallTalk when intent.SmallTalk == SmallTalkKind.AboutBot:
                await SayAsync(turn, TextKeys.AiDisclosure, cancellationToken, handoff.OfferButtons(turn.Language));
                break;
            case IntentKind.SmallTalk:
                await SayAsync(turn, SmallTalkText(intent.SmallTalk), cancellationToken);
                break;
            case IntentKind.AskForPerson or IntentKind.PeopleOnly or IntentKind.Crisis:
                // The handoff takes these; should it ever not, the citizen still learns how to reach a person.
                await SayAsync(turn, TextKeys.HumanOffer, cancellationToken);
                break;
            default:
                // "Etwas anderes", a yes or no with nothing asked, the runners-up with none left: ask for other words.
                await SayAsync(turn, TextKeys.SomethingElse, cancellationToken, handoff.OfferButtons(turn.Language));
                break;
        }
    }

    private static bool CitizenJoined(Activity activity) =>
        activity.MembersAdded?.Any(member => member.Id != activity.Recipient?.Id) == true;

    private static string SmallTalkText(SmallTalkKind kind) => kind switch
    {
        SmallTalkKind.Thanks => TextKeys.SmallTalkThanks,
        SmallTalkKind.Goodbye => TextKeys.SmallTalkGoodbye,
        _ => TextKeys.SmallTalkGreeting,
    };

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
        turn.State.LastAnswered = null;
        await turn.SendTextAsync(texts.Get(PrivacyTextKeys.HistoryDeleted, turn.Language), cancellationToken);
    }

    private async Task SayAsync(TurnContext turn, string key, CancellationToken cancellationToken, SuggestedActions? buttons = null)
    {
        var reply = turn.CreateTextReply(texts.Get(key, turn.Language));
        reply.SuggestedActions = buttons;
        await turn.SendAsync(reply, cancellationToken);
    }

    /// <summary>Nothing the city answers: say where it probably belongs, offer a person, and count it towards the handoff after two.</summary>
    private async Task AbstainAsync(TurnContext turn, Intent intent, CancellationToken cancellationToken)
    {
        var text = intent.Elsewhere is { } elsewhere
            ? texts.Get(TextKeys.OutOfScopeElsewhere, turn.Language).Replace("{Elsewhere}", elsewhere, StringComparison.Ordinal)
            : texts.Get(TextKeys.NoReliableAnswer, turn.Language);
        var answer = new Answer(text)
        {
            Kind = AnswerKind.NoReliableAnswer,
            Confidence = 0,
            RankedServiceIds = [.. intent.Candidates.Hits.Select(hit => hit.Document.Id)],
        };
        telemetry.CountAnswer(answer.Kind.ToString(), turn.Language);
        var reply = ToActivity(turn, answer);
        reply.SuggestedActions = handoff.OfferButtons(turn.Language);
        var feedbackReference = OfferFeedback(turn, reply);
        var sent = await turn.SendAsync(reply, cancellationToken);
        await answers.RecordAsync(turn, feedbackReference, sent.Activity.Id!, new Question(intent.Question, turn.Language), answer, TimeSpan.Zero, cancellationToken);
        await handoff.RecordAnswerOutcomeAsync(turn, abstained: true, cancellationToken);
    }

    private async Task AnswerAsync(TurnContext turn, Question question, bool hadPersonalData, CancellationToken cancellationToken)
    {
        if (hadPersonalData && !turn.State.PersonalDataNoticeShown)
        {
            await turn.SendTextAsync(texts.Get(PrivacyTextKeys.PersonalDataNotice, turn.Language), cancellationToken);
            turn.State.PersonalDataNoticeShown = true;
        }

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
            var answered = answer.Citations[0].KnowledgeId;
            turn.State.LastAnswered = new AnsweredQuestion(question.Text, answered)
            {
                RunnersUp = [.. answer.RankedServiceIds.Where(id => id != answered).Take(RunnersUpOffered)],
            };
        }

        await handoff.RecordAnswerOutcomeAsync(turn, abstained: answer.Kind == AnswerKind.NoReliableAnswer, cancellationToken);
    }

    /// <summary>
    /// The question the intent asks the answerer: a service question with the services already found, a picked service, the last
    /// answered question in other words, or the runners-up of the last answer; null when there is nothing to answer.
    /// </summary>
    private static Question? QuestionOf(TurnContext turn, Intent intent)
    {
        var last = turn.State.LastAnswered;
        return intent.Kind switch
        {
            IntentKind.ServiceQuestion => new Question(intent.Question, turn.Language) { Candidates = intent.Candidates },
            IntentKind.ChosenService => new Question(intent.Question, turn.Language, intent.KnowledgeId),
            IntentKind.OtherWording when last is not null => new Question(last.Text, LanguageOf(intent.Style, turn.Language), last.KnowledgeId, intent.Style),
            IntentKind.OtherWording => new Question("", LanguageOf(intent.Style, turn.Language), Style: intent.Style),
            IntentKind.RunnersUp when last is { RunnersUp.Count: > 0 } => new Question(last.Text, turn.Language) { Alternatives = last.RunnersUp },
            _ => null,
        };
    }

    /// <summary>"Translate it" from a German conversation means English; Leichte Sprache is German whatever the conversation's language.</summary>
    private static string LanguageOf(AnswerStyle style, string conversationLanguage) => style switch
    {
        AnswerStyle.Translated when conversationLanguage == TextsOptions.DefaultLanguage => "en",
        AnswerStyle.EasyGerman => TextsOptions.DefaultLanguage,
        _ => conversationLanguage,
    };

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

        var actions = new List<CardAction>();
        if (answer.Choices.Count > 0)
        {
            // Offered services, then a way out: none of them, or a person.
            actions.AddRange(answer.Choices.Select(Choice));
            actions.Add(Button(texts.Get(TextKeys.SomethingElseButton, turn.Language), new JsonObject { ["somethingElse"] = true }));
            actions.AddRange(handoff.OfferButtons(turn.Language).Actions ?? []);
        }
        else if (answer.Kind == AnswerKind.Service)
        {
            if (answer.OffersSimplerWording)
            {
                actions.Add(Button(texts.Get(GenerationTextKeys.SimplerWordingButton, turn.Language), new JsonObject { ["answerStyle"] = nameof(AnswerStyle.Simple) }));
            }

            if (answer.RankedServiceIds.Count > 1)
            {
                actions.Add(Button(texts.Get(TextKeys.NotRightButton, turn.Language), new JsonObject { ["runnersUp"] = true }));
            }

            if (answer.QuotedInGerman)
            {
                // A German quote may not be enough for someone who writes another language: a person can explain it.
                actions.AddRange(handoff.OfferButtons(turn.Language).Actions ?? []);
            }
        }

        reply.SuggestedActions = actions.Count > 0 ? new SuggestedActions { Actions = actions } : null;
        return reply;
    }

    /// <summary>Thumbs up and down under the answer: Web Chat's own for its channels, buttons elsewhere after the answer's own buttons.</summary>
    private string OfferFeedback(TurnContext turn, Activity reply)
    {
        var reference = AnswerFeedback.NewReference();
        AiLabel.MessageEntity(reply)["potentialAction"] = AnswerFeedback.PotentialActions(reference);
        if (!AnswerFeedback.ShowsThumbs(turn.Activity.ChannelId))
        {
            var thumbs = AnswerFeedback.Buttons(
                reference, texts.Get(InsightsTextKeys.LikeButton, turn.Language), texts.Get(InsightsTextKeys.DislikeButton, turn.Language));
            reply.SuggestedActions = new SuggestedActions { Actions = [.. reply.SuggestedActions?.Actions ?? [], .. thumbs] };
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

    private static CardAction Choice(AnswerChoice choice) => Button(choice.Title, new JsonObject { ["knowledgeId"] = choice.KnowledgeId });

    /// <summary>A button whose click comes back as the citizen's message with its title and a value that says what it means.</summary>
    private static CardAction Button(string title, JsonObject value) => new()
    {
        Type = "messageBack",
        Title = title,
        Text = title,
        DisplayText = title,
        Value = value,
    };
}
