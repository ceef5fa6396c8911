using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using CitizenBot.LoadRunner;
using Microsoft.AspNetCore.Identity;

// Time from an agent's reply POST to the citizen's Direct Line WebSocket receiving it, on loopback, one reply after another.
const int Replies = 100;
const string Agent = "agent1";
var bound = TimeSpan.FromSeconds(10);
var password = RandomNumberGenerator.GetHexString(32);

var environment = new Dictionary<string, string>
{
    ["Handoff__Accounts__0__Name"] = Agent,
    ["Handoff__Accounts__0__PasswordHash"] = new PasswordHasher<object>().HashPassword(new object(), password),
    ["Handoff__Accounts__0__Roles__0"] = "agent",
};
// Staff on duty around the clock, so the run never lands outside office hours or on a holiday.
foreach (var day in Enum.GetValues<DayOfWeek>())
{
    environment[$"Handoff__OfficeHours__{day}__0"] = "00:00-23:59";
}

for (var index = 0; index < 10; index++)
{
    environment[$"Handoff__Holidays__{index}"] = "2000-01-01";
}

using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(5));
var port = BotProcess.FreePort(5171, 5179);
await using var bot = await BotProcess.StartAsync(BotProcess.DefaultAssemblyPath, BotProcess.DefaultContentRoot, port, "Warning", environment, stop.Token);
using var http = new HttpClient { BaseAddress = bot.BaseAddress };
var directLine = new DirectLineClient(http, bot.Secret);

var citizenId = "dl_" + Guid.NewGuid().ToString("N");
var conversation = await directLine.StartConversationAsync(await directLine.GenerateTokenAsync(citizenId, stop.Token), stop.Token);
using var socket = new ClientWebSocket();
await socket.ConnectAsync(conversation.StreamUrl, stop.Token);
var arrivals = Channel.CreateUnbounded<(JsonElement Activity, long At)>();
var receiving = ReceiveAsync(socket, arrivals.Writer, stop.Token);

await directLine.PostMessageAsync(conversation, citizenId, "Mensch", Guid.NewGuid().ToString("N"), stop.Token);
await UntilAsync(a => Text(a)?.Contains("Gesprächsverlauf", StringComparison.Ordinal) == true);
await directLine.PostMessageAsync(conversation, citizenId, "Ja", Guid.NewGuid().ToString("N"), stop.Token);
var initiate = await UntilAsync(a => a.TryGetProperty("name", out var name) && name.GetString() == "handoff.initiate");
var caseId = initiate.GetProperty("value").GetProperty("caseId").GetString()!;

using var agent = new HttpClient(new HttpClientHandler { CookieContainer = new CookieContainer() }) { BaseAddress = bot.BaseAddress };
(await agent.PostAsJsonAsync("/api/agent/signin", new { name = Agent, password }, stop.Token)).EnsureSuccessStatusCode();
(await agent.PostAsync($"/api/agent/cases/{caseId}/accept", null, stop.Token)).EnsureSuccessStatusCode();
await UntilAsync(a => Text(a)?.Contains("übernommen", StringComparison.Ordinal) == true);

var milliseconds = new List<double>();
for (var reply = 0; reply < Replies + 5; reply++)
{
    var text = $"Antwort {reply} {Guid.NewGuid():N}";
    var sent = Stopwatch.GetTimestamp();
    (await agent.PostAsJsonAsync($"/api/agent/cases/{caseId}/replies", new { text }, stop.Token)).EnsureSuccessStatusCode();
    var (_, at) = await UntilArrivalAsync(a => Text(a) == text);
    // The first five warm up JIT and connection pools.
    if (reply >= 5)
    {
        milliseconds.Add(Stopwatch.GetElapsedTime(sent, at).TotalMilliseconds);
    }
}

milliseconds.Sort();
Console.WriteLine($"Agent reply → citizen WebSocket, loopback, {Environment.ProcessorCount} cores, {milliseconds.Count} replies one after another:");
Console.WriteLine($"p50 {Percentile(0.50):F1} ms, p95 {Percentile(0.95):F1} ms, max {milliseconds[^1]:F1} ms, min {milliseconds[0]:F1} ms");
await stop.CancelAsync();
await receiving;
return 0;

double Percentile(double share) => milliseconds[(int)Math.Ceiling(share * milliseconds.Count) - 1];

static string? Text(JsonElement activity) => activity.TryGetProperty("text", out var text) ? text.GetString() : null;

async Task<JsonElement> UntilAsync(Func<JsonElement, bool> match) => (await UntilArrivalAsync(match)).Activity;

async Task<(JsonElement Activity, long At)> UntilArrivalAsync(Func<JsonElement, bool> match)
{
    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
    timeout.CancelAfter(bound);
    while (true)
    {
        var arrival = await arrivals.Reader.ReadAsync(timeout.Token);
        if (match(arrival.Activity))
        {
            return arrival;
        }
    }
}

// Stamps each activity when its frame is complete, as Web Chat would see it.
static async Task ReceiveAsync(ClientWebSocket socket, ChannelWriter<(JsonElement, long)> arrivals, CancellationToken cancellationToken)
{
    var buffer = new byte[64 * 1024];
    using var frame = new MemoryStream();
    try
    {
        while (socket.State == WebSocketState.Open)
        {
            var result = await socket.ReceiveAsync(buffer, cancellationToken);
            frame.Write(buffer, 0, result.Count);
            if (!result.EndOfMessage)
            {
                continue;
            }

            var at = Stopwatch.GetTimestamp();
            if (frame.Length > 0)
            {
                using var set = JsonDocument.Parse(frame.ToArray());
                if (set.RootElement.TryGetProperty("activities", out var activities))
                {
                    foreach (var activity in activities.EnumerateArray())
                    {
                        arrivals.TryWrite((activity.Clone(), at));
                    }
                }
            }

            frame.SetLength(0);
        }
    }
    catch (OperationCanceledException)
    {
        // The run is over.
    }
}
