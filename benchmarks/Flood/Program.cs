using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using CitizenBot.LoadRunner;

// One client address flooding the bot, against the answer times of citizens at other addresses. The same 20 citizens ask
// the same questions three times, each on a fresh bot process: (1) nobody floods, (2) one address floods message posts and
// widget tokens under the shipped rate limits, (3) the same flood with the limits raised out of reach, as before they existed.
// The flood asks a real question, so every post the bot lets through costs a search and an answer.
// Clients are told apart by X-Forwarded-For, which the bot trusts from 127.0.0.1 as from the city's reverse proxy.
const int Citizens = 20;
const int FloodConversations = 40;
const int FloodPosters = 16;
const int FloodTokenRequesters = 2;
const string FloodAddress = "203.0.113.66";
var phase = TimeSpan.FromSeconds(args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 60);
var think = TimeSpan.FromSeconds(4);
var replyTimeout = TimeSpan.FromSeconds(10);
string[] questions =
[
    "Was kostet ein Reisepass?", "Wie melde ich meinen Wohnsitz um?", "Ich habe meinen Personalausweis verloren.",
    "Wie beantrage ich einen Bewohnerparkausweis?", "Was brauche ich für die Einbürgerung?", "Wie bekomme ich ein Führungszeugnis?",
];

using var shippedSettings = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(BotProcess.DefaultContentRoot, "appsettings.json")));
var shipped = shippedSettings.RootElement.GetProperty("RateLimits").EnumerateObject()
    .ToDictionary(limit => $"RateLimits:{limit.Name}", limit => limit.Value.GetRawText());
Console.WriteLine($"{Citizens} citizens at their own addresses, one question every {think.TotalSeconds:F0} s after the reply, {phase.TotalSeconds:F0} s per run; " +
    $"flood from {FloodAddress}: {FloodConversations} conversations, {FloodPosters} loops posting messages, {FloodTokenRequesters} requesting widget tokens; shipped limits {string.Join(", ", shipped.Select(limit => $"{limit.Key[11..]}={limit.Value}"))}; {Environment.ProcessorCount} cores");
Console.WriteLine();
Console.WriteLine("| run | turns | p50 ms | p95 ms | max ms | lost | failed | flood posts/s | flood posts refused | flood tokens refused |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|");
await RunAsync("no flood, shipped limits", shipped, flood: false);
await RunAsync("flood, shipped limits", shipped, flood: true);
await RunAsync("flood, limits raised out of reach", new Dictionary<string, string>(), flood: true);

async Task RunAsync(string name, IReadOnlyDictionary<string, string> settings, bool flood)
{
    using var stop = new CancellationTokenSource(phase + TimeSpan.FromMinutes(3));
    var port = BotProcess.FreePort(5181, 5189);
    await using var bot = await BotProcess.StartAsync(BotProcess.DefaultAssemblyPath, BotProcess.DefaultContentRoot, port, "Warning", new Dictionary<string, string>(), stop.Token, settings);
    var citizens = new List<Citizen>();
    for (var index = 0; index < Citizens; index++)
    {
        citizens.Add(await Citizen.StartAsync(bot.BaseAddress, $"10.20.0.{index + 1}", stop.Token));
    }

    var floodStatuses = new ConcurrentDictionary<string, int>();
    using var floodEnds = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
    var flooding = flood ? FloodAsync(bot.BaseAddress, floodStatuses, floodEnds.Token) : Task.CompletedTask;
    var started = Stopwatch.GetTimestamp();
    var turns = await Task.WhenAll(citizens.Select((citizen, index) => AskUntilAsync(citizen, index, started, stop.Token)));
    var seconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    await floodEnds.CancelAsync();
    await flooding;
    foreach (var citizen in citizens)
    {
        await citizen.DisposeAsync();
    }

    var latencies = turns.SelectMany(turn => turn.Milliseconds).Order().ToList();
    var posts = floodStatuses.Where(status => status.Key.StartsWith("post", StringComparison.Ordinal)).Sum(status => status.Value);
    var tokens = floodStatuses.Where(status => status.Key.StartsWith("token", StringComparison.Ordinal)).Sum(status => status.Value);
    var floodColumns = flood
        ? string.Create(CultureInfo.InvariantCulture, $"{posts / seconds:F0} | {Share(floodStatuses, "post 429", posts)} | {Share(floodStatuses, "token 429", tokens)} |")
        : "– | – | – |";
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"| {name} | {latencies.Count} | {Percentile(latencies, 0.50):F0} | {Percentile(latencies, 0.95):F0} | {(latencies.Count > 0 ? latencies[^1] : 0):F0} | {turns.Sum(turn => turn.Lost)} | {turns.Sum(turn => turn.Failed)} | {floodColumns}"));
}

async Task<Turns> AskUntilAsync(Citizen citizen, int index, long started, CancellationToken cancellationToken)
{
    var result = new Turns([], 0, 0);
    for (var turn = 0; Stopwatch.GetElapsedTime(started) < phase; turn++)
    {
        var sent = Stopwatch.GetTimestamp();
        string activityId;
        try
        {
            activityId = await citizen.Client.PostMessageAsync(citizen.Conversation, citizen.UserId, questions[(index + turn) % questions.Length], Guid.NewGuid().ToString("N"), cancellationToken);
        }
        catch (HttpRequestException)
        {
            result = result with { Failed = result.Failed + 1 };
            await Task.Delay(think, cancellationToken);
            continue;
        }

        if (await citizen.Replies.WaitAsync(inbox => inbox.ReplyArrivedAt(activityId) is not null, replyTimeout, cancellationToken))
        {
            result.Milliseconds.Add(Stopwatch.GetElapsedTime(sent, citizen.Replies.Inbox.ReplyArrivedAt(activityId)!.Value).TotalMilliseconds);
        }
        else
        {
            result = result with { Lost = result.Lost + 1 };
        }

        await Task.Delay(think, cancellationToken);
    }

    return result;
}

async Task FloodAsync(Uri bot, ConcurrentDictionary<string, int> statuses, CancellationToken cancellationToken)
{
    using var http = new HttpClient { BaseAddress = bot };
    http.DefaultRequestHeaders.Add("X-Forwarded-For", FloodAddress);
    // Many conversations, so the bot could answer the flood in parallel rather than one turn after another.
    var conversations = new List<(string Id, string Token)>();
    for (var index = 0; index < FloodConversations; index++)
    {
        using var response = await http.PostAsync(new Uri("/api/webchat/token", UriKind.Relative), null, cancellationToken);
        var token = (await response.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
        conversations.Add((token["conversationId"]!.GetValue<string>(), token["token"]!.GetValue<string>()));
    }

    var next = 0;
    var posting = Enumerable.Range(0, FloodPosters).Select(_ => RepeatAsync("post", () =>
    {
        var (conversationId, bearer) = conversations[(int)((uint)Interlocked.Increment(ref next) % conversations.Count)];
        var request = new HttpRequestMessage(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities")
        {
            Content = JsonContent.Create(new { type = "message", text = "Was kostet ein Reisepass?", from = new { id = "flood" }, channelData = new { clientActivityID = Guid.NewGuid().ToString("N") } }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        return request;
    }));
    var tokens = Enumerable.Range(0, FloodTokenRequesters).Select(_ => RepeatAsync("token", () => new HttpRequestMessage(HttpMethod.Post, "/api/webchat/token")));
    await Task.WhenAll(posting.Concat(tokens));

    async Task RepeatAsync(string kind, Func<HttpRequestMessage> request)
    {
        while (!cancellationToken.IsCancellationRequested)
        {
            try
            {
                using var sent = request();
                using var response = await http.SendAsync(sent, cancellationToken);
                statuses.AddOrUpdate($"{kind} {(int)response.StatusCode}", 1, (_, count) => count + 1);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}

static double Percentile(List<double> sorted, double share) => sorted.Count == 0 ? 0 : sorted[(int)Math.Ceiling(share * sorted.Count) - 1];

static string Share(ConcurrentDictionary<string, int> statuses, string key, int all) =>
    all == 0 ? "0" : string.Create(CultureInfo.InvariantCulture, $"{statuses.GetValueOrDefault(key)} of {all} ({100.0 * statuses.GetValueOrDefault(key) / all:F1} %)");

/// <summary>What one citizen's turns came to: reply times, and turns without a reply in time or whose post failed.</summary>
internal sealed record Turns(List<double> Milliseconds, int Lost, int Failed);

/// <summary>A citizen in the widget at their own address: a widget token, the conversation started, its WebSocket open.</summary>
internal sealed class Citizen : IAsyncDisposable
{
    private Citizen(HttpClient http, DirectLineClient client, StartedConversation conversation, string userId, WebSocketReplies replies)
    {
        Http = http;
        Client = client;
        Conversation = conversation;
        UserId = userId;
        Replies = replies;
    }

    public HttpClient Http { get; }

    public DirectLineClient Client { get; }

    public StartedConversation Conversation { get; }

    public string UserId { get; }

    public WebSocketReplies Replies { get; }

    public static async Task<Citizen> StartAsync(Uri bot, string address, CancellationToken cancellationToken)
    {
        var http = new HttpClient { BaseAddress = bot };
        http.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        using var tokenResponse = await http.PostAsync(new Uri("/api/webchat/token", UriKind.Relative), null, cancellationToken);
        tokenResponse.EnsureSuccessStatusCode();
        var token = (await tokenResponse.Content.ReadFromJsonAsync<JsonObject>(cancellationToken))!;
        var client = new DirectLineClient(http, secret: "");
        var conversation = await client.StartConversationAsync(token["token"]!.GetValue<string>(), cancellationToken);
        var replies = new WebSocketReplies(conversation.StreamUrl);
        await replies.ConnectAsync(cancellationToken);
        if (!await replies.WaitAsync(inbox => inbox.BotMessages >= 1, TimeSpan.FromSeconds(20), cancellationToken))
        {
            throw new InvalidOperationException($"The citizen at {address} got no greeting.");
        }

        return new Citizen(http, client, conversation, token["userId"]!.GetValue<string>(), replies);
    }

    public async ValueTask DisposeAsync()
    {
        await Replies.DisposeAsync();
        Http.Dispose();
    }
}
