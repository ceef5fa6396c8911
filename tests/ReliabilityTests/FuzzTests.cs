using System.Collections.Concurrent;
using System.Globalization;
using System.Net.WebSockets;
using System.Text;
using CitizenBot.LoadRunner;
using CitizenBot.ReliabilityTests.Fuzzing;
using CitizenBot.ReliabilityTests.Infrastructure;
using Xunit.Abstractions;

namespace CitizenBot.ReliabilityTests;

/// <summary>
/// Hostile and broken input on every public edge of the real bot process: the bot must refuse it with a 4xx (or accept
/// what was in fact valid), never fail with a 5xx or hang, and keep serving citizens afterwards.
/// </summary>
public sealed class FuzzTests(BotWithEveryChannel fixture, ITestOutputHelper output) : IClassFixture<BotWithEveryChannel>
{
    private const int Requests = 600;
    private const int Parallel = 4;
    private static readonly TimeSpan RequestBound = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task Hostile_requests_on_every_edge_are_refused_with_4xx_and_the_bot_keeps_answering_citizens()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CITIZENBOT_FUZZ_SEED"), CultureInfo.InvariantCulture, out var given) ? given : Random.Shared.Next();
        output.WriteLine($"fuzz seed {seed} (repeat with CITIZENBOT_FUZZ_SEED={seed})");
        using var testTime = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var (outside, bot, secret) = (fixture.Outside, fixture.Bot, fixture.Secret);
        using var http = new HttpClient { BaseAddress = bot.BaseAddress, Timeout = RequestBound };
        var client = new DirectLineClient(http, secret);
        var conversation = await client.StartConversationAsync(await client.GenerateTokenAsync("dl_fuzz", testTime.Token), testTime.Token);
        var inputs = new FuzzedInputs(seed, new FuzzCredentials(
            secret, conversation.ConversationId, conversation.Token, OutsideServices.TelegramSecret, OutsideServices.MatrixHsToken, outside.BotFrameworkToken, outside.ServiceUrl));

        var answers = new ConcurrentBag<(FuzzedRequest Request, int Status)>();
        var queue = new ConcurrentQueue<FuzzedRequest>(inputs.Generate(Requests));
        await Task.WhenAll(Enumerable.Range(0, Parallel).Select(async _ =>
        {
            while (queue.TryDequeue(out var request))
            {
                answers.Add((request, await StatusOfAsync(request, bot.BaseAddress)));
            }
        }));
        var frames = await SendHostileFramesAsync(conversation.StreamUrl, new Random(seed), testTime.Token);

        // A client that abandons its upload closes the connection itself; there is no one left to answer.
        var abandoned = answers.Count(a => a.Status == 0 && a.Request.MissingBytes > 0);
        // 101 is the right answer when the fuzzer happened to send a valid WebSocket upgrade to the stream.
        var refusedOrValid = answers.Where(a => a.Status is 101 or (>= 200 and < 500)).ToList();
        output.WriteLine($"{answers.Count} requests + {frames} WebSocket frames; by status: " + string.Join(", ", answers.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{Label(g.Key)} {g.Count()}")));
        foreach (var edge in answers.GroupBy(a => a.Request.Edge).OrderBy(g => g.Key))
        {
            output.WriteLine($"  {edge.Key}: " + string.Join(", ", edge.GroupBy(a => a.Status).OrderBy(g => g.Key).Select(g => $"{Label(g.Key)} {g.Count()}")));
        }

        var failures = answers.Where(a => a.Status is not (101 or (>= 200 and < 500)) && !(a.Status == 0 && a.Request.MissingBytes > 0)).Select(a => $"{Label(a.Status)} for {a.Request}").ToList();
        failures.ShouldBeEmpty();
        bot.HasExited.ShouldBeFalse();
        (await http.GetAsync(new Uri("/health/live", UriKind.Relative), testTime.Token)).IsSuccessStatusCode.ShouldBeTrue();
        (await http.GetAsync(new Uri("/health/ready", UriKind.Relative), testTime.Token)).IsSuccessStatusCode.ShouldBeTrue();
        (await CitizenCheck.AskOneQuestionAsync(bot.BaseAddress, secret, testTime.Token)).ShouldBe(1);
        (refusedOrValid.Count + abandoned).ShouldBe(Requests);
    }

    [Fact]
    public async Task A_body_with_broken_chunked_framing_gets_400_not_a_server_error()
    {
        // Found by the fuzz run: Kestrel's "bad chunk size" reached the exception handler and came back as 500.
        using var http = new HttpClient { BaseAddress = fixture.Bot.BaseAddress, Timeout = RequestBound };
        var client = new DirectLineClient(http, fixture.Secret);
        var conversation = await client.StartConversationAsync(await client.GenerateTokenAsync("dl_framing", CancellationToken.None), CancellationToken.None);
        var request = new FuzzedRequest(
            "broken chunk size",
            "POST",
            $"/v3/directline/conversations/{conversation.ConversationId}/activities",
            [new("Authorization", "Bearer " + conversation.Token), new("Content-Type", "application/json"), new("Transfer-Encoding", "chunked")],
            "zz\r\n{}\r\n0\r\n\r\n"u8.ToArray())
        { DeclareLength = false };

        (await request.SendAsync(fixture.Bot.BaseAddress, RequestBound)).ShouldBe(400);
    }

    private static async Task<int> StatusOfAsync(FuzzedRequest request, Uri bot)
    {
        try
        {
            return await request.SendAsync(bot, RequestBound);
        }
        catch (OperationCanceledException)
        {
            return -1;
        }
    }

    /// <summary>A client that opened the stream legitimately, then writes what Web Chat never would; the bot may close the socket.</summary>
    private static async Task<int> SendHostileFramesAsync(Uri streamUrl, Random random, CancellationToken cancellationToken)
    {
        using var socket = new ClientWebSocket();
        await socket.ConnectAsync(streamUrl, cancellationToken);
        var sent = 0;
        byte[][] frames =
        [
            Encoding.UTF8.GetBytes("{\"type\":\"message\",\"text\":\"über den Socket\"}"),
            [0xff, 0xfe, 0xc3, 0x28],
            Encoding.UTF8.GetBytes(new string('[', 5000)),
            new byte[1024 * 1024],
            [],
        ];
        for (var i = 0; i < 20 && socket.State == WebSocketState.Open; i++)
        {
            var frame = frames[random.Next(frames.Length)];
            try
            {
                await socket.SendAsync(frame, random.Next(2) == 0 ? WebSocketMessageType.Text : WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
                sent++;
            }
            catch (WebSocketException)
            {
                break;
            }
        }

        socket.Abort();
        return sent;
    }

    private static string Label(int status) => status switch
    {
        -1 => "no answer within the bound",
        0 => "connection closed without a status",
        _ => status.ToString(CultureInfo.InvariantCulture),
    };
}
