using System.CommandLine;
using System.Runtime.InteropServices;
using CitizenBot.LoadRunner;

var conversationsOption = new Option<int[]>("--conversations", "-c")
{
    Description = "Simultaneous conversations per run; the smallest is the baseline for the ratios.",
    DefaultValueFactory = _ => [1, 50, 200],
    AllowMultipleArgumentsPerToken = true,
};
var modesOption = new Option<ReplyMode[]>("--modes", "-m")
{
    Description = "How clients receive replies: WebSocket (streamUrl) and/or Polling (GET activities?watermark=).",
    DefaultValueFactory = _ => [ReplyMode.WebSocket, ReplyMode.Polling],
    AllowMultipleArgumentsPerToken = true,
};
var turnsOption = new Option<int>("--turns", "-k") { Description = "Messages each conversation posts, one after another.", DefaultValueFactory = _ => 20 };
var replyTimeoutOption = new Option<int>("--reply-timeout-ms") { Description = "A posted message without a reply after this long is lost.", DefaultValueFactory = _ => 10_000 };
var pollIntervalOption = new Option<int>("--poll-interval-ms") { Description = "Polling mode: pause between two GETs while a reply is awaited.", DefaultValueFactory = _ => 50 };
var thinkOption = new Option<int>("--think-ms") { Description = "Mean pause before each question, varied 50-150 % per pause (0: back to back).", DefaultValueFactory = _ => 0 };
var warmupOption = new Option<int>("--warmup-conversations") { Description = "Conversations run against each fresh bot before measuring (JIT, pools); not counted.", DefaultValueFactory = _ => 4 };
var runTimeoutOption = new Option<int>("--run-timeout-s") { Description = "Upper bound for one run; turns not asked by then are reported as not run.", DefaultValueFactory = _ => 120 };
var logLevelOption = new Option<string>("--bot-log-level") { Description = "Serilog minimum level of the bot under load.", DefaultValueFactory = _ => "Warning" };
var botOption = new Option<string>("--bot-assembly") { Description = "CitizenBot.dll to run; default: the build of the same configuration.", DefaultValueFactory = _ => BotProcess.DefaultAssemblyPath };
var contentRootOption = new Option<string>("--bot-content-root") { Description = "The bot's content root (appsettings.json, wwwroot); default: the bot project folder.", DefaultValueFactory = _ => BotProcess.DefaultContentRoot };
var botEnvironmentOption = new Option<string[]>("--bot-env")
{
    Description = "Extra NAME=VALUE environment variables for the bot process (e.g. runtime knobs for an experiment).",
    DefaultValueFactory = _ => [],
};
var portOption = new Option<int>("--port") { Description = "Loopback port for the bot; 0 picks the first free one of 5131-5139.", DefaultValueFactory = _ => 0 };

var root = new RootCommand("Drives the real CitizenBot over Direct Line 3.0 on 127.0.0.1 and reports latency, throughput, losses and memory.")
{
    conversationsOption, modesOption, turnsOption, replyTimeoutOption, pollIntervalOption, thinkOption, warmupOption, runTimeoutOption, logLevelOption, botOption, contentRootOption, botEnvironmentOption, portOption,
};
conversationsOption.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int[]>().Any(count => count is < 1 or > 1000))
    {
        result.AddError("--conversations: each count must lie between 1 and 1000.");
    }
});
turnsOption.Validators.Add(result =>
{
    if (result.GetValueOrDefault<int>() is < 1 or > 1000)
    {
        result.AddError("--turns must lie between 1 and 1000.");
    }
});

root.SetAction(async (parse, cancellationToken) =>
{
    var settings = new RunSettings(
        parse.GetValue(turnsOption),
        TimeSpan.FromMilliseconds(parse.GetValue(replyTimeoutOption)),
        TimeSpan.FromMilliseconds(parse.GetValue(pollIntervalOption)),
        TimeSpan.FromMilliseconds(parse.GetValue(thinkOption)));
    var runTimeout = TimeSpan.FromSeconds(parse.GetValue(runTimeoutOption));
    var botAssembly = parse.GetValue(botOption)!;
    var contentRoot = parse.GetValue(contentRootOption)!;
    var botEnvironment = parse.GetValue(botEnvironmentOption)!
        .Select(pair => pair.Split('=', 2))
        .ToDictionary(pair => pair[0], pair => pair.ElementAtOrDefault(1) ?? "");
    var requestedPort = parse.GetValue(portOption);
    var logLevel = parse.GetValue(logLevelOption)!;
    var warmup = parse.GetValue(warmupOption);

    Console.WriteLine($"CitizenBot load run: {Environment.ProcessorCount} cores, {RuntimeInformation.OSDescription}, {RuntimeInformation.FrameworkDescription}");
    Console.WriteLine($"bot: {botAssembly} (own process, log level {logLevel}{string.Concat(botEnvironment.Select(e => $", {e.Key}={e.Value}"))}); {settings.Turns} turns per conversation, think {settings.ThinkTime.TotalMilliseconds} ms, reply timeout {settings.ReplyTimeout.TotalSeconds} s");

    var results = new List<RunResult>();
    foreach (var mode in parse.GetValue(modesOption)!.Distinct())
    {
        foreach (var conversations in parse.GetValue(conversationsOption)!.Distinct().Order())
        {
            var port = requestedPort != 0 ? requestedPort : BotProcess.FreePort(5131, 5139);
            await using var bot = await BotProcess.StartAsync(botAssembly, contentRoot, port, logLevel, botEnvironment, cancellationToken);
            using var runClient = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = int.MaxValue, UseProxy = false }) { BaseAddress = bot.BaseAddress, Timeout = settings.ReplyTimeout };
            if (warmup > 0)
            {
                await LoadRun.RunAsync(bot, runClient, mode, warmup, settings with { ThinkTime = TimeSpan.Zero }, runTimeout, cancellationToken);
            }

            var result = await LoadRun.RunAsync(bot, runClient, mode, conversations, settings, runTimeout, cancellationToken);
            results.Add(result);
            Console.WriteLine(RunReport.Line(result));
        }
    }

    Console.WriteLine();
    Console.WriteLine(RunReport.Table(results));
    return 0;
});

return await root.Parse(args).InvokeAsync();
