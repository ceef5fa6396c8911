using System.Text.Json.Nodes;
using CitizenBot.Channels.Messengers;
using CitizenBot.Insights;
using CitizenBot.SharedKernel;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Transparency;
using Microsoft.Extensions.Options;

namespace CitizenBot.UnitTests.Channels;

/// <summary>Where a messenger has no label field, the words say it: AI footer with the source, the staff member's name, numbered choices.</summary>
public sealed class MessengerTextTests
{
    private readonly MessengerText _text = new(new CitizenTexts(
        Options.Create(new TextsOptions
        {
            Languages = new()
            {
                ["de"] = new()
                {
                    [TextKeys.AiLabel] = "KI-generiert",
                    [MessengerTextKeys.AnswerFooter] = "KI-Antwort · Quelle: {Source}",
                    [MessengerTextKeys.NumberedChoicesPrompt] = "Antworten Sie mit der Nummer:",
                    [InsightsTextKeys.LikeButton] = "👍",
                    [InsightsTextKeys.DislikeButton] = "👎",
                },
            },
        }),
        Options.Create(new CityOptions { AssistantUrl = "https://assistent.example.de" })));

    [Fact]
    public void An_AI_answer_ends_with_the_label_and_its_sources_in_words()
    {
        var answer = new Activity { Type = ActivityTypes.Message, Text = "Ein Reisepass kostet 70 Euro.", Locale = "de" };
        AiLabel.MessageEntity(answer)["citation"] = new JsonArray(new JsonObject
        {
            ["@type"] = "Claim",
            ["position"] = 1,
            ["appearance"] = new JsonObject { ["@type"] = "DigitalDocument", ["name"] = "Reisepass [beantragen]", ["url"] = "https://stadt.muenchen.de/service/info/1063453/" },
        });
        AiLabel.Apply(answer);

        _text.Compose(answer, withNumberedChoices: false).ShouldBe(
            "Ein Reisepass kostet 70 Euro.\n\n*KI-Antwort · Quelle: [Reisepass \\[beantragen\\]](https://stadt.muenchen.de/service/info/1063453/)*");
    }

    [Fact]
    public void Any_other_AI_message_carries_the_label_alone()
    {
        var greeting = new Activity { Type = ActivityTypes.Message, Text = "Guten Tag!" };
        AiLabel.Apply(greeting);

        _text.Compose(greeting, withNumberedChoices: false).ShouldBe("Guten Tag!\n\n*KI-generiert*");
    }

    [Fact]
    public void A_staff_reply_names_the_person_and_has_no_AI_label()
    {
        var reply = new Activity { Type = ActivityTypes.Message, Text = "Gerne, ich schaue nach." };
        StaffLabel.Apply(reply, "Stadt – Mitarbeiterin");

        _text.Compose(reply, withNumberedChoices: false).ShouldBe("**Stadt – Mitarbeiterin:**\n\nGerne, ich schaue nach.");
    }

    [Fact]
    public void Choices_become_a_numbered_list_only_where_the_channel_has_no_buttons()
    {
        var askBack = new Activity
        {
            Type = ActivityTypes.Message,
            Text = "Welche meinen Sie?",
            SuggestedActions = new SuggestedActions { Actions = [new CardAction { Type = "imBack", Title = "Reisepass" }, new CardAction { Type = "imBack", Title = "Personalausweis *neu*" }] },
        };

        _text.Compose(askBack, withNumberedChoices: true).ShouldBe("Welche meinen Sie?\n\nAntworten Sie mit der Nummer:\n\n1. Reisepass\n2. Personalausweis \\*neu\\*");
        _text.Compose(askBack, withNumberedChoices: false).ShouldBe("Welche meinen Sie?");
    }

    [Fact]
    public void Feedback_buttons_are_offered_when_the_message_entity_asks_for_likes()
    {
        var answer = new Activity { Type = ActivityTypes.Message, Text = "Antwort" };
        MessengerText.OffersFeedback(answer).ShouldBeFalse();

        AiLabel.MessageEntity(answer)["potentialAction"] = new JsonArray(new JsonObject { ["@type"] = "LikeAction" }, new JsonObject { ["@type"] = "DislikeAction" });

        MessengerText.OffersFeedback(answer).ShouldBeTrue();
    }
}
