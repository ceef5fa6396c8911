using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Net.WebSockets;
using System.Security.Cryptography;
using System.Text.Json;
using System.Threading.Channels;
using CitizenBot.LoadRunner;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.SignalR.Client;

// 1. Time from an agent's reply POST to the citizen's Direct Line WebSocket receiving it, on loopback, one reply after another.
// 2. 20 agents on the live queue (SignalR) with 200 waiting citizens: time for a new case to reach every console,
//    accept throughput while all 20 race for the same cases, and the bot's memory.
const int Replies = 100;
const int Agents = 20;
const int Waiting = 200;
const int NewCases = 10;
const string Agent = "agent1";
var bound = TimeSpan.FromSeconds(10);
var password = RandomNumberGenerator.GetHexString(32);
var agentNames = Enumerable.Range(1, Agents).Select(n => $"agent{n}").ToList();

var environment = new Dictionary<string, string>();
var passwordHash = new PasswordHasher<object>().HashPassword(new object(), password);
for (var index = 0; index < Agents; index++)
{
    environment[$"Staff__Accounts__{index}__Name"] = agentNames[index];
    environment[$"Staff__Accounts__{index}__PasswordHash"] = passwordHash;
    environment[$"Staff__Accounts__{index}__Roles__0"] = "agent";
}

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
// Another port range can be given as two arguments, e.g. when several checkouts benchmark side by side.
var port = args.Length == 2 ? BotProcess.FreePort(int.Parse(args[0], CultureInfo.InvariantCulture), int.Parse(args[1], CultureInfo.InvariantCulture))
    : BotProcess.FreePort(5171, 5179);
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
await SignInAsync(agent, Agent);
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
Console.WriteLine($"p50 {Percentile(milliseconds, 0.50):F1} ms, p95 {Percentile(milliseconds, 0.95):F1} ms, max {milliseconds[^1]:F1} ms, min {milliseconds[0]:F1} ms");
(await agent.PostAsync($"/api/agent/cases/{caseId}/close", null, stop.Token)).EnsureSuccessStatusCode();

// 2. Twenty signed-in agents, each with its own cookie and a live queue connection over WebSockets.
var desks = new List<(HttpClient Http, HubConnection Hub)>();
var newCaseSeen = new long[Agents];
HashSet<string>? baseline = null;
foreach (var (name, index) in agentNames.Select((name, index) => (name, index)))
{
    var cookies = new CookieContainer();
    var deskHttp = new HttpClient(new HttpClientHandler { CookieContainer = cookies }) { BaseAddress = bot.BaseAddress };
    await SignInAsync(deskHttp, name);
    var hub = new HubConnectionBuilder()
        .WithUrl(new Uri(bot.BaseAddress, "/api/agent/hub"), options =>
        {
            options.Transports = HttpTransportType.WebSockets;
            options.Cookies = cookies;
        })
        .Build();
    hub.On<JsonElement>("cases", cases =>
    {
        var known = Volatile.Read(ref baseline);
        if (known is not null && Volatile.Read(ref newCaseSeen[index]) == 0
            && cases.EnumerateArray().Any(c => !known.Contains(c.GetProperty("id").GetString()!)))
        {
            Volatile.Write(ref newCaseSeen[index], Stopwatch.GetTimestamp());
        }
    });
    await hub.StartAsync(stop.Token);
    desks.Add((deskHttp, hub));
}

var waitingStarted = Stopwatch.GetTimestamp();
await Parallel.ForEachAsync(Enumerable.Range(0, Waiting), new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = stop.Token },
    async (_, ct) => await QueueCitizenAsync(ct));
var waitingSeconds = Stopwatch.GetElapsedTime(waitingStarted).TotalSeconds;
var queued = await QueuedIdsAsync();
Console.WriteLine($"{Agents} agents signed in on the live queue; {queued.Count} citizens waiting (asked for a person and consented over Direct Line in {waitingSeconds:F1} s)");
var withWaiting = bot.Resources();

// A new case: from the citizen's consent POST to the last of the 20 consoles holding a case list with it.
var reach = new List<double>();
for (var round = 0; round < NewCases; round++)
{
    Array.Clear(newCaseSeen);
    Volatile.Write(ref baseline, [.. await QueuedIdsAsync()]);
    var started = await QueueCitizenAsync(stop.Token);
    using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
    timeout.CancelAfter(bound);
    while (Enumerable.Range(0, Agents).Any(agent => Volatile.Read(ref newCaseSeen[agent]) == 0))
    {
        await Task.Delay(1, timeout.Token);
    }

    reach.Add(Stopwatch.GetElapsedTime(started, newCaseSeen.Max()).TotalMilliseconds);
}

Volatile.Write(ref baseline, null);
reach.Sort();
Console.WriteLine($"New case → all {Agents} consoles (SignalR, with {Waiting}+ waiting), {reach.Count} cases: p50 {Percentile(reach, 0.50):F1} ms, max {reach[^1]:F1} ms (from the consent POST, so it includes the citizen's turn)");

// All 20 agents work through the whole queue at once, each always trying the case at the top: maximal contention.
var wins = new ConcurrentDictionary<string, ConcurrentBag<string>>();
var conflicts = 0;
var acceptsStarted = Stopwatch.GetTimestamp();
await Task.WhenAll(desks.Select((desk, index) => Task.Run(async () =>
{
    for (var attempt = 0; attempt < 5 * (Waiting + NewCases); attempt++)
    {
        using var list = JsonDocument.Parse(await desk.Http.GetStringAsync("/api/agent/cases", stop.Token));
        var top = list.RootElement.EnumerateArray().FirstOrDefault(c => c.GetProperty("state").GetString() == "Queued");
        if (top.ValueKind == JsonValueKind.Undefined)
        {
            return;
        }

        var id = top.GetProperty("id").GetString()!;
        using var response = await desk.Http.PostAsync($"/api/agent/cases/{id}/accept", null, stop.Token);
        if (response.StatusCode == HttpStatusCode.OK)
        {
            wins.GetOrAdd(id, _ => []).Add(agentNames[index]);
        }
        else if (response.StatusCode == HttpStatusCode.Conflict)
        {
            Interlocked.Increment(ref conflicts);
        }
        else
        {
            throw new InvalidOperationException($"Accept answered {(int)response.StatusCode}.");
        }
    }
}, stop.Token)));
var acceptSeconds = Stopwatch.GetElapsedTime(acceptsStarted).TotalSeconds;
var doubleWins = wins.Count(w => w.Value.Count != 1);
var after = bot.Resources();
Console.WriteLine($"Accept race: {wins.Count} of {queued.Count + NewCases} cases accepted by {Agents} agents in {acceptSeconds:F2} s = {wins.Count / acceptSeconds:F0} accepts/s; "
    + $"{conflicts} conflicts (409), cases won more than once: {doubleWins}; still waiting: {(await QueuedIdsAsync()).Count}");
Console.WriteLine($"Bot memory (RSS): {withWaiting.WorkingSetBytes / 1048576.0:F0} MB with {Waiting + 1} cases and {Agents} consoles connected, "
    + $"{after.WorkingSetBytes / 1048576.0:F0} MB after the race, peak {after.PeakWorkingSetBytes / 1048576.0:F0} MB; {after.Threads} threads");

foreach (var (deskHttp, hub) in desks)
{
    await hub.DisposeAsync();
    deskHttp.Dispose();
}

await stop.CancelAsync();
await receiving;
return doubleWins == 0 && wins.Count == queued.Count + NewCases ? 0 : 1;

static double Percentile(List<double> sorted, double share) => sorted[(int)Math.Ceiling(share * sorted.Count) - 1];

async Task<HashSet<string>> QueuedIdsAsync()
{
    using var list = JsonDocument.Parse(await desks[0].Http.GetStringAsync("/api/agent/cases", stop.Token));
    return [.. list.RootElement.EnumerateArray().Where(c => c.GetProperty("state").GetString() == "Queued").Select(c => c.GetProperty("id").GetString()!)];
}

// A citizen asks for a person, waits for the consent question, consents; returns when the consent POST was sent.
async Task<long> QueueCitizenAsync(CancellationToken ct)
{
    var userId = "dl_" + Guid.NewGuid().ToString("N");
    var started = await directLine.StartConversationAsync(await directLine.GenerateTokenAsync(userId, ct), ct);
    await directLine.PostMessageAsync(started, userId, "Mensch", Guid.NewGuid().ToString("N"), ct);
    for (var poll = 0; ; poll++)
    {
        using var set = await directLine.GetActivitiesAsync(started, null, ct);
        if (set.RootElement.GetProperty("activities").EnumerateArray().Any(a => Text(a)?.Contains("Gesprächsverlauf", StringComparison.Ordinal) == true))
        {
            break;
        }

        if (poll == 100)
        {
            throw new TimeoutException("No consent question within 100 polls.");
        }

        await Task.Delay(20, ct);
    }

    var sent = Stopwatch.GetTimestamp();
    await directLine.PostMessageAsync(started, userId, "Ja", Guid.NewGuid().ToString("N"), ct);
    return sent;
}

// As the console does: sign in, then send the session's antiforgery token with every change.
async Task SignInAsync(HttpClient staff, string name)
{
    using var response = await staff.PostAsJsonAsync("/api/staff/signin", new { name, password }, stop.Token);
    response.EnsureSuccessStatusCode();
    using var session = JsonDocument.Parse(await response.Content.ReadAsStringAsync(stop.Token));
    staff.DefaultRequestHeaders.Add("X-CSRF-TOKEN", session.RootElement.GetProperty("antiforgeryToken").GetString());
}

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
