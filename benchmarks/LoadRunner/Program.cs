using System.CommandLine;
using System.Globalization;
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
var portOption = new Option<int>("--port") { Description = "Loopback port for the bot; 0 picks the first free one of --ports.", DefaultValueFactory = _ => 0 };
var portsOption = new Option<int[]>("--ports")
{
    Description = "First and last loopback port the bot processes may take.",
    DefaultValueFactory = _ => [5131, 5139],
    AllowMultipleArgumentsPerToken = true,
};
var replicasOption = new Option<int>("--replicas") { Description = "Bot processes sharing one database behind a sticky-free round robin (more than 1 needs PostgreSql).", DefaultValueFactory = _ => 1 };
var storageOption = new Option<StorageProvider>("--storage") { Description = "Where the bot keeps conversations: Sqlite (a fresh file per run) or PostgreSql.", DefaultValueFactory = _ => StorageProvider.Sqlite };
var postgresOption = new Option<string?>("--postgres-connection") { Description = "Npgsql connection string of the database the replicas share (loopback only)." };
var killOption = new Option<int?>("--kill-replica-after-s") { Description = "Kill the last replica (SIGKILL) this many seconds into the asking." };
var restartOption = new Option<int?>("--restart-postgres-after-s") { Description = "Run --restart-postgres-command this many seconds into the asking." };
var restartCommandOption = new Option<string?>("--restart-postgres-command") { Description = "Shell command that restarts the PostgreSQL server, e.g. \"pg_ctl -D /tmp/pg restart\"." };
var resilientOption = new Option<bool>("--resilient")
{
    Description = "Use the replica harness (failover, reconnect, re-post with the same clientActivityID; counts replied once / lost / duplicated) even for one SQLite replica.",
};
var repostOption = new Option<int>("--repost-after-ms") { Description = "Replica harness: re-post a message without a reply after this long (same clientActivityID).", DefaultValueFactory = _ => 8000 };

var root = new RootCommand("Drives the real CitizenBot over Direct Line 3.0 on 127.0.0.1 and reports latency, throughput, losses and memory.")
{
    conversationsOption, modesOption, turnsOption, replyTimeoutOption, pollIntervalOption, thinkOption, warmupOption, runTimeoutOption, logLevelOption, botOption, contentRootOption, botEnvironmentOption, portOption,
    portsOption, replicasOption, storageOption, postgresOption, killOption, restartOption, restartCommandOption, resilientOption, repostOption,
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

    var ports = parse.GetValue(portsOption)!;
    var replicas = parse.GetValue(replicasOption);
    var storage = parse.GetValue(storageOption);
    var killAfter = parse.GetValue(killOption);
    var restartAfter = parse.GetValue(restartOption);
    if (ReplicaOptionsProblem(replicas, storage, parse.GetValue(postgresOption), restartAfter, parse.GetValue(restartCommandOption), ports) is { } problem)
    {
        Console.Error.WriteLine(problem);
        return 2;
    }

    if (replicas > 1 || storage != StorageProvider.Sqlite || killAfter is not null || restartAfter is not null || parse.GetValue(resilientOption))
    {
        var plan = new ReplicaPlan(replicas, storage, parse.GetValue(postgresOption), botAssembly, contentRoot, logLevel, botEnvironment, ports[0], ports[1]);
        var restartCommand = parse.GetValue(restartCommandOption);
        var faults = new FaultPlan(
            killAfter is { } kill ? TimeSpan.FromSeconds(kill) : null,
            restartAfter is { } restart ? TimeSpan.FromSeconds(restart) : null,
            restartCommand is null ? null : token => ShellCommand.RunAsync(restartCommand, token));
        var replicaSettings = settings with { RepostAfter = TimeSpan.FromMilliseconds(parse.GetValue(repostOption)) };
        Console.WriteLine($"replica harness: {replicas} × {storage}, faults: kill after {killAfter?.ToString(CultureInfo.InvariantCulture) ?? "-"} s, database restart after {restartAfter?.ToString(CultureInfo.InvariantCulture) ?? "-"} s");
        var replicaResults = new List<ReplicaRunResult>();
        foreach (var mode in parse.GetValue(modesOption)!.Distinct())
        {
            foreach (var conversations in parse.GetValue(conversationsOption)!.Distinct().Order())
            {
                await using var set = await ReplicaSet.StartAsync(plan, settings.ReplyTimeout, cancellationToken);
                if (warmup > 0)
                {
                    await ReplicaRun.RunAsync(set, mode, warmup, replicaSettings with { ThinkTime = TimeSpan.Zero }, FaultPlan.None, runTimeout, cancellationToken);
                }

                var result = await ReplicaRun.RunAsync(set, mode, conversations, replicaSettings, faults, runTimeout, cancellationToken);
                replicaResults.Add(result);
                Console.WriteLine(ReplicaRun.Line(result));
            }
        }

        Console.WriteLine();
        Console.WriteLine(ReplicaRun.Table(replicaResults));
        return replicaResults.All(r => r.Lost == 0 && r.Duplicated == 0 && r.StartFailures == 0) ? 0 : 1;
    }

    var results = new List<RunResult>();
    foreach (var mode in parse.GetValue(modesOption)!.Distinct())
    {
        foreach (var conversations in parse.GetValue(conversationsOption)!.Distinct().Order())
        {
            var port = requestedPort != 0 ? requestedPort : BotProcess.FreePort(ports[0], ports[1]);
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

static string? ReplicaOptionsProblem(int replicas, StorageProvider storage, string? postgres, int? restartAfter, string? restartCommand, int[] ports)
{
    if (replicas is < 1 or > 8)
    {
        return "--replicas must lie between 1 and 8.";
    }

    if (replicas > 1 && storage != StorageProvider.PostgreSql)
    {
        return "--replicas above 1 needs --storage PostgreSql: replicas share conversations only there.";
    }

    if (storage == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(postgres))
    {
        return "--storage PostgreSql needs --postgres-connection.";
    }

    if (restartAfter is not null && string.IsNullOrWhiteSpace(restartCommand))
    {
        return "--restart-postgres-after-s needs --restart-postgres-command.";
    }

    return ports is [var first, var last] && first <= last ? null : "--ports takes two ports, the first not above the last.";
}
