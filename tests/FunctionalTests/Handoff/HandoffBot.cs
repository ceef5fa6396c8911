using System.Text.Json.Nodes;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.FunctionalTests.Handoff;

/// <summary>
/// The bot on a clock the test moves, set to a Monday at 10:00 in Munich (inside office hours).
/// Pass the same data folder and clock again to simulate a restart.
/// </summary>
public sealed class HandoffBot : IDisposable
{
    /// <summary>Monday, 23 November 2026, 10:00 in Europe/Berlin.</summary>
    public static readonly DateTimeOffset MondayMorning = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    private readonly CitizenBotFactory _factory;
    private readonly WebApplicationFactory<Program> _clocked;

    public HandoffBot(
        string? dataFolder = null, FakeTimeProvider? time = null, IReadOnlyDictionary<string, string?>? settings = null, Action<IServiceCollection>? services = null)
    {
        Time = time ?? new FakeTimeProvider(MondayMorning);
        _factory = new CitizenBotFactory(dataFolder, settings);
        _clocked = _factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(testServices =>
        {
            testServices.AddSingleton<TimeProvider>(Time);
            services?.Invoke(testServices);
        }));
        Http = _clocked.CreateClient();
    }

    public FakeTimeProvider Time { get; }

    public HttpClient Http { get; }

    public string DataFolder => _factory.DataFolder;

    public IServiceProvider Services => _clocked.Services;

    public TestServer Server => _clocked.Server;

    /// <summary>A staff member's own browser session (its own cookie jar).</summary>
    public HttpClient NewBrowser() => _clocked.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });

    public async Task<Citizen> StartCitizenAsync(string language = "de")
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(Http, language);
        var id = (await client.StartConversationAsync()).ConversationId();
        var citizen = new Citizen(client, id, language);
        await citizen.WaitForAsync(message => true);
        return citizen;
    }

    public void Dispose()
    {
        Http.Dispose();
        _clocked.Dispose();
        _factory.Dispose();
    }
}

/// <summary>One citizen in Web Chat: says things and reads what arrives, as a Direct Line client would.</summary>
public sealed class Citizen(DirectLineTestClient client, string conversationId, string language)
{
    public string ConversationId { get; } = conversationId;

    public DirectLineTestClient Client { get; } = client;

    public async Task SayAsync(string text)
    {
        var response = await Client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{ConversationId}/activities", new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["from"] = new JsonObject { ["id"] = "ignored-by-token" },
            ["locale"] = language,
            ["channelData"] = new JsonObject { ["clientActivityID"] = Guid.NewGuid().ToString("N") },
        });
        response.EnsureSuccessStatusCode();
    }

    /// <summary>Every activity the citizen's client has received so far.</summary>
    public async Task<List<JsonObject>> AllAsync() => (await Client.GetActivitiesAsync(ConversationId)).Activities();

    public async Task<List<JsonObject>> BotMessagesAsync() => (await AllAsync()).Where(a => a.IsBotMessage()).ToList();

    /// <summary>Waits (bounded: 20 s) for a bot message that matches and returns it.</summary>
    public async Task<JsonObject> WaitForAsync(Func<JsonObject, bool> match)
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var found = (await BotMessagesAsync()).LastOrDefault(match);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"No matching bot message arrived in conversation {ConversationId}.");
    }

    public Task<JsonObject> WaitForTextAsync(string part) => WaitForAsync(message => message.Text()?.Contains(part, StringComparison.Ordinal) == true);

    /// <summary>Says something and waits until the bot's reply to exactly that message contains <paramref name="expected"/>.</summary>
    public async Task<JsonObject> AskAsync(string text, string expected)
    {
        var before = (await AllAsync()).Count;
        await SayAsync(text);
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var found = (await AllAsync()).Skip(before).FirstOrDefault(a => a.IsBotMessage() && a.Text()?.Contains(expected, StringComparison.Ordinal) == true);
            if (found is not null)
            {
                return found;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The bot did not answer '{text}' with '{expected}'.");
    }

    public static List<string> Buttons(JsonObject message) =>
        message["suggestedActions"]?["actions"]?.AsArray().Select(action => action!["title"]!.GetValue<string>()).ToList() ?? [];
}
