using System.Text.Json.Nodes;
using CitizenBot.SharedKernel.Activities;
using CitizenBot.Transparency;

namespace CitizenBot.UnitTests.Transparency;

public sealed class AiLabelTests
{
    [Fact]
    public void Labels_a_plain_message_with_exactly_one_schema_org_Message_entity()
    {
        var message = new Activity { Type = ActivityTypes.Message, Text = "Antwort" };

        AiLabel.Apply(message);

        var expected = JsonNode.Parse("""
            {
              "type": "https://schema.org/Message",
              "@context": "https://schema.org",
              "@id": "",
              "@type": "Message",
              "additionalType": [ "AIGeneratedContent" ]
            }
            """);
        message.Entities!.Count.ShouldBe(1);
        JsonNode.DeepEquals(message.Entities[0].Properties, expected).ShouldBeTrue(message.Entities[0].Properties.ToJsonString());
        AiLabel.IsLabelled(message).ShouldBeTrue();
    }

    [Fact]
    public void Merges_into_the_message_entity_that_already_carries_citations()
    {
        var message = ActivityJson.Deserialize("""
            {
              "type": "message",
              "text": "Sie brauchen ein Passfoto [1].",
              "entities": [
                { "type": "mention", "mentioned": { "id": "dl_user1" }, "text": "Erika" },
                {
                  "type": "https://schema.org/Message",
                  "@context": "https://schema.org",
                  "@id": "",
                  "@type": "Message",
                  "additionalType": [ "ReviewedContent" ],
                  "citation": [ { "@type": "Claim", "position": 1, "appearance": { "@type": "DigitalDocument", "name": "Personalausweis", "url": "https://stadt.muenchen.de/service/info/1063441/" } } ]
                }
              ]
            }
            """)!;

        AiLabel.Apply(message);

        message.Entities!.Count.ShouldBe(2);
        message.Entities[0].Type.ShouldBe("mention");
        var label = message.Entities[1].Properties;
        label["additionalType"]!.AsArray().Select(t => t!.GetValue<string>()).ShouldBe(["ReviewedContent", "AIGeneratedContent"]);
        label["citation"]![0]!["appearance"]!["url"]!.GetValue<string>().ShouldBe("https://stadt.muenchen.de/service/info/1063441/");
    }

    [Fact]
    public void Labelling_twice_changes_nothing()
    {
        var message = new Activity { Type = ActivityTypes.Message, Text = "Antwort" };
        AiLabel.Apply(message);
        var once = ActivityJson.Serialize(message);

        AiLabel.Apply(message);

        ActivityJson.Serialize(message).ShouldBe(once);
    }

    [Fact]
    public void A_message_without_the_entity_is_not_labelled()
    {
        var citedElsewhere = ActivityJson.Deserialize("""
            {"type":"message","entities":[{"type":"https://schema.org/Message","@id":"cite-1","additionalType":["AIGeneratedContent"]}]}
            """)!;

        AiLabel.IsLabelled(new Activity { Type = ActivityTypes.Message }).ShouldBeFalse();
        AiLabel.IsLabelled(citedElsewhere).ShouldBeFalse();
    }
}
