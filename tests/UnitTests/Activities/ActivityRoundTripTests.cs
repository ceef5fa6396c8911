using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenBot.SharedKernel.Activities;

namespace CitizenBot.UnitTests.Activities;

public sealed class ActivityRoundTripTests
{
    [Theory]
    [MemberData(nameof(SpecExamples.All), MemberType = typeof(SpecExamples))]
    public void Every_field_known_or_unknown_round_trips_unchanged(string type, string json)
    {
        var activity = ActivityJson.Deserialize(json)!;

        activity.Type.ShouldBe(type);
        ShouldBeSameJson(ActivityJson.Serialize(activity), json);
    }

    [Theory]
    [MemberData(nameof(SpecExamples.All), MemberType = typeof(SpecExamples))]
    public void A_stored_copy_is_the_same_activity_and_independent_of_the_original(string type, string json)
    {
        var activity = ActivityJson.Deserialize(json)!;

        var copy = ActivityJson.Clone(activity);
        activity.Text = "changed after storing";
        activity.ChannelData = null;

        copy.Type.ShouldBe(type);
        ShouldBeSameJson(ActivityJson.Serialize(copy), json);
    }

    [Fact]
    public void Message_fields_are_read_into_the_model_and_only_unknown_ones_land_in_extra()
    {
        var activity = ActivityJson.Deserialize(SpecExamples.Message)!;

        activity.IsMessage.ShouldBeTrue();
        activity.Text.ShouldStartWith("Hallo <at>Digitaler Assistent</at>");
        activity.Timestamp.ShouldBe(new DateTimeOffset(2026, 6, 8, 9, 15, 30, 123, TimeSpan.Zero));
        activity.LocalTimestamp!.Value.Offset.ShouldBe(TimeSpan.FromHours(2));
        activity.From!.Id.ShouldBe("dl_user1");
        activity.From.Role.ShouldBe("user");
        activity.From.Extra!.Keys.ShouldBe(["nickname"]);
        activity.Conversation!.IsGroup.ShouldBe(false);
        activity.Conversation.Extra!.Keys.ShouldBe(["properties"]);
        activity.Attachments!.Select(a => a.ContentType).ShouldBe(["application/vnd.microsoft.card.hero", "image/png"]);
        activity.Attachments![0].Extra!.Keys.ShouldBe(["futureAttachmentField"]);
        activity.Entities!.Select(e => e.Type).ShouldBe(["mention", "Place", "clientInfo", "https://schema.org/Message"]);
        activity.SuggestedActions!.Actions!.Select(a => a.Type).ShouldBe(["imBack", "openUrl", "messageBack"]);
        activity.SuggestedActions.Actions![2].Extra!.Keys.ShouldBe(["isPrimary"]);
        activity.SuggestedActions.Extra!.Keys.ShouldBe(["layout"]);
        activity.ChannelData!["clientActivityID"]!.GetValue<string>().ShouldBe("1717838130123abcde");
        activity.ListenFor.ShouldBe(["ja", "nein"]);
        activity.Extra!.Keys.Order().ShouldBe(["topLevelUnknown", "x-null", "x-number"]);
    }

    [Fact]
    public void Conversation_update_members_and_reactions_are_read_into_the_model()
    {
        var update = ActivityJson.Deserialize(SpecExamples.ConversationUpdate)!;
        var reaction = ActivityJson.Deserialize(SpecExamples.MessageReaction)!;

        update.MembersAdded!.Select(m => m.Id).ShouldBe(["citizenbot", "dl_user1"]);
        update.MembersRemoved!.Single().Id.ShouldBe("dl_old");
        update.HistoryDisclosed.ShouldBe(false);
        reaction.ReactionsAdded!.Select(r => r.Type).ShouldBe(["like", "+1"]);
        reaction.ReactionsRemoved!.Single().Type.ShouldBe("plusOne");
    }

    [Fact]
    public void Event_and_invoke_keep_name_value_and_references()
    {
        var joined = ActivityJson.Deserialize(SpecExamples.Event)!;
        var invoke = ActivityJson.Deserialize(SpecExamples.Invoke)!;

        joined.Name.ShouldBe("webchat/join");
        joined.Value!["language"]!.GetValue<string>().ShouldBe("de-DE");
        joined.RelatesTo!.ActivityId.ShouldBe("abc123|0000003");
        joined.SemanticAction!.Entities!["office"]!["name"]!.GetValue<string>().ShouldBe("KVR");
        invoke.Value!["action"]!["verb"]!.GetValue<string>().ShouldBe("feedback");
    }

    [Fact]
    public void Timestamps_in_UTC_are_written_with_Z_as_the_spec_asks()
    {
        // A2043: senders SHOULD encode timestamp as UTC and include Z; local timestamps keep their offset.
        var activity = new Activity
        {
            Type = ActivityTypes.Message,
            Timestamp = new DateTimeOffset(2026, 6, 8, 9, 15, 30, TimeSpan.Zero),
            LocalTimestamp = new DateTimeOffset(2026, 6, 8, 11, 15, 30, 500, TimeSpan.FromHours(2)),
        };

        var json = JsonNode.Parse(ActivityJson.Serialize(activity))!;

        json["timestamp"]!.GetValue<string>().ShouldBe("2026-06-08T09:15:30Z");
        json["localTimestamp"]!.GetValue<string>().ShouldBe("2026-06-08T11:15:30.5+02:00");
    }

    [Fact]
    public void Absent_fields_are_omitted_rather_than_sent_as_null()
    {
        var json = JsonNode.Parse(ActivityJson.Serialize(new Activity { Type = ActivityTypes.Typing }))!.AsObject();

        json.Select(p => p.Key).ShouldBe(["type"]);
    }

    [Theory]
    [InlineData("""{"type":"message","entities":["not an object"]}""")]
    [InlineData("""{"type":5}""")]
    [InlineData("""{"type":"message","timestamp":"yesterday"}""")]
    [InlineData("""{"type":"message","from":"dl_user1"}""")]
    public void Values_of_the_wrong_type_are_refused_as_JSON_errors(string json) =>
        Should.Throw<JsonException>(() => ActivityJson.Deserialize(json));

    private static void ShouldBeSameJson(string actual, string expected)
    {
        var same = JsonNode.DeepEquals(JsonNode.Parse(actual), JsonNode.Parse(expected));
        same.ShouldBeTrue($"Round-trip changed the activity.\nExpected: {expected}\nActual:   {actual}");
    }
}
