using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CitizenBot.ReliabilityTests.Fuzzing;

/// <summary>What a fuzz run may present as valid credentials, so most requests get past authentication to the parsers.</summary>
public sealed record FuzzCredentials(
    string DirectLineSecret, string ConversationId, string ConversationToken, string TelegramSecret, string MatrixHsToken, Func<string> BotFrameworkToken, string BotFrameworkServiceUrl);

/// <summary>
/// Seeded generator of broken and hostile requests for every public edge of the bot: valid messages with random fields
/// replaced by wrong JSON types, huge values, deep nesting, invalid UTF-8, truncated bodies, wrong content types and
/// bad headers. The same seed gives the same requests.
/// </summary>
public sealed class FuzzedInputs(int seed, FuzzCredentials credentials)
{
    private const string DirectLine = "/v3/directline";
    private readonly Random _random = new(seed);

    public IEnumerable<FuzzedRequest> Generate(int count)
    {
        var edges = new Func<FuzzedRequest>[]
        {
            PostActivity, PostActivity, PostActivity, PostActivity, GenerateToken, RefreshToken, StartConversation, Reconnect, GetActivities,
            Upload, StreamWithoutSocket, BotFrameworkMessage, BotFrameworkMessage, TelegramUpdate, MatrixTransaction, WebChatToken, WebChatTexts,
        };
        for (var i = 0; i < count; i++)
        {
            yield return Distort(edges[_random.Next(edges.Length)]());
        }
    }

    private FuzzedRequest PostActivity() => Json(
        "directline activities", "POST", $"{DirectLine}/conversations/{ConversationIdOrOther()}/activities", DirectLineAuth(), Mutate(new JsonObject
        {
            ["type"] = "message",
            ["text"] = "Wie beantrage ich einen Personalausweis?",
            ["locale"] = "de-DE",
            ["from"] = new JsonObject { ["id"] = "fuzz-user", ["name"] = "Fuzz", ["role"] = "user" },
            ["channelData"] = new JsonObject { ["clientActivityID"] = Guid.NewGuid().ToString("N") },
            ["attachments"] = new JsonArray(),
            ["entities"] = new JsonArray(new JsonObject { ["type"] = "ClientCapabilities", ["requiresBotState"] = true }),
            ["value"] = new JsonObject { ["action"] = "feedback" },
            ["suggestedActions"] = new JsonObject { ["actions"] = new JsonArray() },
        }));

    private FuzzedRequest GenerateToken() => Json(
        "directline tokens/generate", "POST", $"{DirectLine}/tokens/generate", SecretAuth(), Mutate(new JsonObject
        {
            ["user"] = new JsonObject { ["id"] = "dl_fuzz", ["name"] = "Fuzz" },
            ["trustedOrigins"] = new JsonArray("http://127.0.0.1"),
        }));

    private FuzzedRequest RefreshToken() => Json("directline tokens/refresh", "POST", $"{DirectLine}/tokens/refresh", DirectLineAuth(), _random.Next(2) == 0 ? null : RandomJson(3));

    private FuzzedRequest StartConversation() => Json("directline conversations", "POST", $"{DirectLine}/conversations", Pick(SecretAuth, DirectLineAuth)(), _random.Next(3) == 0 ? RandomJson(3) : null);

    private FuzzedRequest Reconnect() => Json("directline reconnect", "GET", $"{DirectLine}/conversations/{ConversationIdOrOther()}?watermark={Watermark()}", DirectLineAuth(), null);

    private FuzzedRequest GetActivities() => Json("directline get activities", "GET", $"{DirectLine}/conversations/{ConversationIdOrOther()}/activities?watermark={Watermark()}", DirectLineAuth(), null);

    private FuzzedRequest Upload()
    {
        var body = Bytes(_random.Next(0, 64 * 1024));
        return new FuzzedRequest("directline upload", "POST", $"{DirectLine}/conversations/{ConversationIdOrOther()}/upload?userId=fuzz", [.. DirectLineAuth(), new("Content-Type", Pick("multipart/form-data; boundary=xyz", "application/octet-stream", "image/png"))], body);
    }

    private FuzzedRequest StreamWithoutSocket()
    {
        var target = $"{DirectLine}/conversations/{ConversationIdOrOther()}/stream?watermark={Watermark()}&t={Uri.EscapeDataString(Pick(credentials.ConversationToken, "x", RandomText(40)))}";
        KeyValuePair<string, string>[] upgrade = _random.Next(2) == 0
            ? [new("Upgrade", "websocket"), new("Connection", "Upgrade"), new("Sec-WebSocket-Version", Pick("13", "8", "x")), new("Sec-WebSocket-Key", Pick("dGhlIHNhbXBsZSBub25jZQ==", "", RandomText(10)))]
            : [];
        return new FuzzedRequest("directline stream", "GET", target, upgrade, []) { DeclareLength = false };
    }

    private FuzzedRequest BotFrameworkMessage() => Json(
        "botframework /api/messages",
        "POST",
        "/api/messages",
        [new("Authorization", Pick(() => "Bearer " + credentials.BotFrameworkToken(), () => "Bearer " + credentials.BotFrameworkToken(), () => "Bearer " + Tamper(credentials.BotFrameworkToken()), () => "Bearer " + RandomText(60))())],
        Mutate(new JsonObject
        {
            ["type"] = "message",
            ["id"] = Guid.NewGuid().ToString("N"),
            ["timestamp"] = "2026-11-23T10:00:00.000Z",
            ["serviceUrl"] = credentials.BotFrameworkServiceUrl,
            ["channelId"] = "msteams",
            ["from"] = new JsonObject { ["id"] = "29:fuzz", ["name"] = "Fuzz" },
            ["conversation"] = new JsonObject { ["id"] = "a:fuzz-" + _random.Next(5).ToString(CultureInfo.InvariantCulture) },
            ["recipient"] = new JsonObject { ["id"] = "28:bot" },
            ["text"] = "Ich habe meinen Ausweis verloren",
            ["locale"] = "de-DE",
        }));

    private FuzzedRequest TelegramUpdate() => Json(
        "telegram webhook",
        "POST",
        "/api/telegram",
        [new("X-Telegram-Bot-Api-Secret-Token", Pick(credentials.TelegramSecret, credentials.TelegramSecret, credentials.TelegramSecret, "wrong", ""))],
        Mutate(new JsonObject
        {
            ["update_id"] = _random.Next(),
            ["message"] = new JsonObject
            {
                ["message_id"] = _random.Next(),
                ["date"] = 1_790_000_000,
                ["chat"] = new JsonObject { ["id"] = 4242 + _random.Next(5), ["type"] = "private" },
                ["from"] = new JsonObject { ["id"] = 4242, ["is_bot"] = false, ["first_name"] = "Fuzz", ["language_code"] = "de" },
                ["text"] = "Führerschein umschreiben",
            },
        }));

    private FuzzedRequest MatrixTransaction() => Json(
        "matrix transactions",
        "PUT",
        $"/_matrix/app/v1/transactions/{Uri.EscapeDataString(RandomText(12))}",
        [new("Authorization", "Bearer " + Pick(credentials.MatrixHsToken, credentials.MatrixHsToken, credentials.MatrixHsToken, "wrong"))],
        Mutate(new JsonObject
        {
            ["events"] = new JsonArray(new JsonObject
            {
                ["type"] = "m.room.message",
                ["room_id"] = "!fuzz" + _random.Next(5).ToString(CultureInfo.InvariantCulture) + ":matrix.test",
                ["sender"] = "@citizen:matrix.test",
                ["event_id"] = "$" + Guid.NewGuid().ToString("N"),
                ["origin_server_ts"] = 1_790_000_000_000,
                ["content"] = new JsonObject { ["msgtype"] = "m.text", ["body"] = "Wo melde ich meinen Wohnsitz um?" },
            }),
        }));

    private FuzzedRequest WebChatToken() => Json("webchat token", "POST", $"/api/webchat/token?locale={Uri.EscapeDataString(RandomText(_random.Next(0, 20)))}", [], _random.Next(2) == 0 ? RandomJson(2) : null);

    private FuzzedRequest WebChatTexts() => Json("webchat texts", "GET", $"/api/webchat/ui?locale={Uri.EscapeDataString(RandomText(_random.Next(0, 300)))}", [], null);

    /// <summary>A third of the requests get one more defect on top: body, content type or headers.</summary>
    private FuzzedRequest Distort(FuzzedRequest request)
    {
        return _random.Next(9) switch
        {
            0 => request with { Body = request.Body.Length > 2 ? request.Body[.._random.Next(1, request.Body.Length)] : request.Body },
            1 => request with { MissingBytes = _random.Next(1, 5000) },
            2 => request with { Body = InvalidUtf8(request.Body) },
            3 => request with { Headers = [.. request.Headers.Where(h => h.Key != "Content-Type"), new("Content-Type", Pick("text/plain", "application/xml", "application/json; charset=latin1", "multipart/form-data", "application/jsonx", "", "application/json; charset=\u00ff"))] },
            4 => request with { Headers = [.. request.Headers, BadHeader()] },
            5 => request with { Headers = [.. request.Headers.Where(h => h.Key != "Authorization")] },
            _ => request,
        };
    }

    private KeyValuePair<string, string> BadHeader() => _random.Next(6) switch
    {
        0 => new("Authorization", Pick("Bearer", "Basic Zm9vOmJhcg==", "Bearer  ", "bearer " + credentials.ConversationToken + "\u00e4", new string('A', 12_000))),
        1 => new("X-Fuzz", new string('x', _random.Next(1, 40_000))),
        2 => new("Accept", Pick("*/*;q=abc", "application/json;;;", "\u00ff\u00fe")),
        3 => new("X-Forwarded-For", Pick("not-an-ip", "1.2.3.4, , ,", "::::::", RandomText(50))),
        4 => new("Transfer-Encoding", Pick("chunked", "gzip", "identity")),
        _ => new("Expect", Pick("100-continue", "banana")),
    };

    private static FuzzedRequest Json(string edge, string method, string target, IReadOnlyList<KeyValuePair<string, string>> headers, JsonNode? body) => new(
        edge, method, target, body is null ? headers : [.. headers, new("Content-Type", "application/json")], body is null ? [] : Encoding.UTF8.GetBytes(body.ToJsonString()));

    /// <summary>A valid body with a few fields replaced, removed or added; now and then one huge or deeply nested value.</summary>
    private JsonNode Mutate(JsonObject valid)
    {
        var mutations = _random.Next(0, 4);
        for (var i = 0; i < mutations; i++)
        {
            var target = PickObject(valid);
            var keys = target.Select(p => p.Key).ToList();
            switch (_random.Next(5))
            {
                case 0 when keys.Count > 0:
                    target.Remove(keys[_random.Next(keys.Count)]);
                    break;
                case 1:
                    target[RandomFieldName()] = RandomJson(3);
                    break;
                case 2 when keys.Count > 0:
                    target[keys[_random.Next(keys.Count)]] = HostileValue();
                    break;
                default:
                    if (keys.Count > 0)
                    {
                        target[keys[_random.Next(keys.Count)]] = RandomJson(2);
                    }

                    break;
            }
        }

        return _random.Next(25) == 0 ? Pick<JsonNode>(new JsonArray(valid), JsonValue.Create("activity")!, new JsonObject()) : valid;
    }

    private JsonObject PickObject(JsonObject root)
    {
        var objects = new List<JsonObject> { root };
        foreach (var (_, value) in root)
        {
            if (value is JsonObject child)
            {
                objects.Add(child);
            }
            else if (value is JsonArray { Count: > 0 } array && array[0] is JsonObject first)
            {
                objects.Add(first);
            }
        }

        return objects[_random.Next(objects.Count)];
    }

    private JsonNode? HostileValue() => _random.Next(9) switch
    {
        0 => JsonValue.Create(new string('ä', _random.Next(1, 4) * 1024 * 1024 / 2)),
        1 => JsonValue.Create(new string('x', _random.Next(100, 250 * 1024))),
        2 => Nested(_random.Next(20, 80)),
        3 => Nested(_random.Next(100, 900)),
        4 => JsonValue.Create("\ud800 lone surrogate \udfff"),
        5 => Pick<JsonNode>(JsonValue.Create(double.MaxValue), JsonValue.Create(long.MinValue), JsonValue.Create(-0.0), JsonValue.Create(decimal.MaxValue)),
        6 => JsonValue.Create("\u0000\u0001\u001b[31m\r\n<script>alert(1)</script>' OR 1=1 --"),
        7 => new JsonArray([.. Enumerable.Range(0, _random.Next(1000, 20_000)).Select(i => JsonValue.Create(i))]),
        _ => null,
    };

    private static JsonNode Nested(int depth)
    {
        JsonNode node = JsonValue.Create("bottom");
        for (var i = 0; i < depth; i++)
        {
            node = i % 2 == 0 ? new JsonArray(node) : new JsonObject { ["n"] = node };
        }

        return node;
    }

    private JsonNode? RandomJson(int depth) => _random.Next(depth > 0 ? 8 : 5) switch
    {
        0 => null,
        1 => JsonValue.Create(_random.Next(2) == 0),
        2 => JsonValue.Create(_random.NextDouble() * Math.Pow(10, _random.Next(-10, 300))),
        3 => JsonValue.Create(_random.Next(int.MinValue, int.MaxValue)),
        4 => JsonValue.Create(RandomText(_random.Next(0, 200))),
        5 => JsonValue.Create(Pick("message", "event", "invoke", "conversationUpdate", "typing", "endOfConversation", "messageReaction", "handoff", "")),
        6 => new JsonArray([.. Enumerable.Range(0, _random.Next(0, 4)).Select(_ => RandomJson(depth - 1))]),
        _ => new JsonObject(Enumerable.Range(0, _random.Next(0, 4)).Select(_ => KeyValuePair.Create(RandomFieldName(), RandomJson(depth - 1))).DistinctBy(p => p.Key)),
    };

    private string RandomFieldName() => Pick(
        "type", "text", "from", "recipient", "conversation", "channelData", "value", "name", "attachments", "entities", "locale", "replyToId", "id",
        "timestamp", "membersAdded", "suggestedActions", "serviceUrl", "channelId", "textFormat", "speak", "user", "message", "chat", "events", "content",
        "update_id", "callback_query", "clientActivityID", "@type", "$ref", "__proto__", RandomText(8));

    private string RandomText(int length)
    {
        var text = new StringBuilder(length);
        for (var i = 0; i < length; i++)
        {
            text.Append(_random.Next(6) switch
            {
                0 => (char)_random.Next(0x20, 0x7f),
                1 => (char)_random.Next(0xa0, 0x2000),
                2 => (char)_random.Next(0, 0x20),
                3 => Pick('ä', 'ß', '€', '"', '\\', '/', '%', '&', '?', '#', '\u202e', '\ufeff'),
                _ => (char)_random.Next('a', 'z' + 1),
            });
        }

        return text.ToString();
    }

    private string Watermark() => Pick("", "-", "0", "1", "-1", "99999999999999999999", "abc", "1.5", "%00", " 3", "0x10", RandomText(5));

    private string ConversationIdOrOther() => _random.Next(5) == 0
        ? Uri.EscapeDataString(Pick("x", "../../etc/passwd", new string('a', 5000), RandomText(20), credentials.ConversationId.ToUpperInvariant()))
        : credentials.ConversationId;

    private KeyValuePair<string, string>[] DirectLineAuth() => _random.Next(8) switch
    {
        0 => [],
        1 => [new("Authorization", "Bearer " + Tamper(credentials.ConversationToken))],
        2 => [new("Authorization", "Bearer " + credentials.DirectLineSecret)],
        _ => [new("Authorization", "Bearer " + credentials.ConversationToken)],
    };

    private KeyValuePair<string, string>[] SecretAuth() => _random.Next(5) switch
    {
        0 => [new("Authorization", "Bearer " + RandomText(48))],
        1 => [new("Authorization", "Bearer " + credentials.ConversationToken)],
        _ => [new("Authorization", "Bearer " + credentials.DirectLineSecret)],
    };

    /// <summary>A token with one character changed: the signature must no longer hold.</summary>
    private string Tamper(string token)
    {
        var characters = token.ToCharArray();
        var at = _random.Next(characters.Length);
        characters[at] = characters[at] == 'A' ? 'B' : 'A';
        return new string(characters);
    }

    private byte[] InvalidUtf8(byte[] body)
    {
        var bytes = body.Length > 0 ? [.. body] : "{\"type\":\"message\",\"text\":\"x\"}"u8.ToArray();
        var broken = Pick(new byte[] { 0xff }, [0xc3, 0x28], [0xed, 0xa0, 0x80], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xe2, 0x82], [0xc0, 0xaf]);
        var at = _random.Next(bytes.Length);
        return [.. bytes[..at], .. broken, .. bytes[at..]];
    }

    private byte[] Bytes(int length)
    {
        var bytes = new byte[length];
        _random.NextBytes(bytes);
        return bytes;
    }

    private T Pick<T>(params T[] choices) => choices[_random.Next(choices.Length)];
}
