namespace CitizenBot.UnitTests.Activities;

/// <summary>
/// Activities written after the Activity schema spec (botframework-activity.md) and the Direct Line 3.0 reference,
/// each carrying fields the bot does not model, at the top level and nested (A2005: receivers MUST accept them).
/// </summary>
public static class SpecExamples
{
    public const string Message = """
        {
          "type": "message",
          "id": "abc123|0000042",
          "timestamp": "2026-06-08T09:15:30.123Z",
          "localTimestamp": "2026-06-08T11:15:30.123+02:00",
          "localTimezone": "Europe/Berlin",
          "serviceUrl": "https://bot.example.org/v3/directline",
          "channelId": "directline",
          "from": { "id": "dl_user1", "name": "Erika", "role": "user", "aadObjectId": "6c2b7f4e", "nickname": { "short": "E." } },
          "conversation": { "id": "abc123", "isGroup": false, "conversationType": "personal", "tenantId": "t-1", "properties": { "x": 1 } },
          "recipient": { "id": "citizenbot", "name": "Digitaler Assistent", "role": "bot" },
          "textFormat": "markdown",
          "locale": "de-DE",
          "text": "Hallo <at>Digitaler Assistent</at>, wo beantrage ich einen **Personalausweis**?",
          "speak": "<speak version=\"1.0\" xml:lang=\"de-DE\">Hallo</speak>",
          "inputHint": "expectingInput",
          "summary": "Frage zum Personalausweis",
          "attachmentLayout": "carousel",
          "attachments": [
            {
              "contentType": "application/vnd.microsoft.card.hero",
              "content": { "title": "Bürgerbüro", "buttons": [ { "type": "openUrl", "title": "Termin", "value": "https://stadt.example.org/termin" } ] },
              "name": "card",
              "thumbnailUrl": "https://stadt.example.org/thumb.png",
              "futureAttachmentField": { "deep": [ 1, "zwei", true, null ] }
            },
            { "contentType": "image/png", "contentUrl": "https://stadt.example.org/plan.png", "name": "plan.png" }
          ],
          "entities": [
            { "type": "mention", "mentioned": { "id": "citizenbot", "name": "Digitaler Assistent" }, "text": "<at>Digitaler Assistent</at>" },
            { "type": "Place", "name": "Bürgerbüro Ruppertstraße", "address": "Ruppertstraße 19, 80337 München", "geo": { "type": "GeoCoordinates", "latitude": 48.1241, "longitude": 11.5489, "elevation": 519 }, "hasMap": "https://maps.example.org/1" },
            { "type": "clientInfo", "locale": "de-DE", "country": "DE", "platform": "Web" },
            {
              "type": "https://schema.org/Message",
              "@context": "https://schema.org",
              "@id": "",
              "@type": "Message",
              "additionalType": [ "AIGeneratedContent" ],
              "citation": [ { "@type": "Claim", "position": 1, "appearance": { "@type": "DigitalDocument", "name": "Personalausweis beantragen", "url": "https://stadt.muenchen.de/service/info/1063441/", "abstract": "Wer …" } } ],
              "potentialAction": [ { "@type": "LikeAction", "actionStatus": "PotentialActionStatus" } ]
            }
          ],
          "suggestedActions": {
            "to": [ "dl_user1" ],
            "actions": [
              { "type": "imBack", "title": "Ja", "value": "Ja" },
              { "type": "openUrl", "title": "Quelle", "value": "https://stadt.muenchen.de/service/", "image": "https://stadt.example.org/i.png", "imageAltText": "Link" },
              { "type": "messageBack", "title": "Mensch", "text": "human", "displayText": "Mensch", "value": { "intent": "handoff" }, "channelData": { "source": "button" }, "isPrimary": true }
            ],
            "layout": "stacked"
          },
          "channelData": { "clientActivityID": "1717838130123abcde", "clientTimestamp": "2026-06-08T09:15:30.100Z", "nested": { "list": [ 1, 2, { "y": null } ] } },
          "replyToId": "abc123|0000041",
          "importance": "high",
          "deliveryMode": "normal",
          "listenFor": [ "ja", "nein" ],
          "expiration": "2026-06-09T09:15:30Z",
          "callerId": "urn:botframework:azure",
          "topLevelUnknown": { "deep": { "deeper": [ 1, "a", true, null, 4.5e3 ] } },
          "x-number": 42,
          "x-null": null
        }
        """;

    public const string ConversationUpdate = """
        {
          "type": "conversationUpdate",
          "id": "abc123|0000000",
          "timestamp": "2026-06-08T09:15:00Z",
          "channelId": "directline",
          "serviceUrl": "https://bot.example.org/v3/directline",
          "from": { "id": "dl_user1" },
          "conversation": { "id": "abc123" },
          "recipient": { "id": "citizenbot", "name": "Digitaler Assistent", "role": "bot" },
          "membersAdded": [ { "id": "citizenbot", "name": "Digitaler Assistent", "role": "bot" }, { "id": "dl_user1", "name": "Erika", "futureMemberField": 7 } ],
          "membersRemoved": [ { "id": "dl_old" } ],
          "topicName": "Bürgerservice",
          "historyDisclosed": false,
          "channelData": { "tenant": { "id": "t-1" } },
          "futureUpdateField": [ "a" ]
        }
        """;

    public const string Event = """
        {
          "type": "event",
          "name": "webchat/join",
          "value": { "language": "de-DE", "page": { "path": "/service" } },
          "from": { "id": "dl_user1", "role": "user" },
          "relatesTo": {
            "activityId": "abc123|0000003",
            "user": { "id": "dl_user1" },
            "bot": { "id": "citizenbot" },
            "conversation": { "id": "abc123" },
            "channelId": "directline",
            "serviceUrl": "https://bot.example.org/v3/directline",
            "locale": "de-DE",
            "futureReferenceField": true
          },
          "channelData": { "clientActivityID": "evt-1" },
          "semanticAction": { "id": "book", "state": "start", "entities": { "office": { "type": "Place", "name": "KVR" } }, "futureActionField": 1 }
        }
        """;

    public const string Invoke = """
        {
          "type": "invoke",
          "name": "adaptiveCard/action",
          "from": { "id": "dl_user1" },
          "conversation": { "id": "abc123" },
          "value": { "action": { "type": "Action.Execute", "verb": "feedback", "data": { "vote": "up", "comment": "" } }, "trigger": "manual" },
          "channelData": { "source": { "name": "message" } }
        }
        """;

    public const string Typing = """
        {
          "type": "typing",
          "from": { "id": "citizenbot", "role": "bot" },
          "conversation": { "id": "abc123" },
          "channelData": { "streamType": "informative", "streamSequence": 1 }
        }
        """;

    public const string EndOfConversation = """
        {
          "type": "endOfConversation",
          "code": "userCancelled",
          "text": "Gespräch beendet",
          "from": { "id": "dl_user1" },
          "conversation": { "id": "abc123" },
          "futureEndField": { "reason": "tab closed" }
        }
        """;

    public const string MessageReaction = """
        {
          "type": "messageReaction",
          "replyToId": "abc123|0000005",
          "from": { "id": "dl_user1" },
          "conversation": { "id": "abc123" },
          "reactionsAdded": [ { "type": "like" }, { "type": "+1", "futureReactionField": "x" } ],
          "reactionsRemoved": [ { "type": "plusOne" } ]
        }
        """;

    public const string Trace = """
        {
          "type": "trace",
          "name": "Answer",
          "label": "Retrieval",
          "valueType": "https://example.org/retrieval",
          "value": [ { "id": "1063441", "score": 0.87 } ],
          "textHighlights": [ { "text": "Ausweis", "occurrence": 2, "futureHighlightField": 0 } ]
        }
        """;

    public static TheoryData<string, string> All { get; } = new()
    {
        { "message", Message },
        { "conversationUpdate", ConversationUpdate },
        { "event", Event },
        { "invoke", Invoke },
        { "typing", Typing },
        { "endOfConversation", EndOfConversation },
        { "messageReaction", MessageReaction },
        { "trace", Trace },
    };
}
