using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Reflection;
using System.Security.Cryptography;

namespace CitizenBot.LoadRunner;

/// <summary>
/// The real bot as its own process (`dotnet CitizenBot.dll --urls ...`) on 127.0.0.1, with a fresh data folder and
/// a throwaway Direct Line secret, so its memory, GC and thread pool are measured apart from the load it receives.
/// </summary>
public sealed class BotProcess : IAsyncDisposable
{
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(60);

    private readonly Process _process;
    private readonly string _dataFolder;
    private readonly bool _ownsDataFolder;

    private BotProcess(Process process, string dataFolder, bool ownsDataFolder, Uri baseAddress, string secret)
    {
        _process = process;
        _dataFolder = dataFolder;
        _ownsDataFolder = ownsDataFolder;
        BaseAddress = baseAddress;
        Secret = secret;
    }

    public Uri BaseAddress { get; }

    public string Secret { get; }

    public int ProcessId => _process.Id;

    /// <summary>The bot build of the same configuration, recorded by the project file at build time.</summary>
    public static string DefaultAssemblyPath => BuildMetadata("BotAssembly");

    /// <summary>The bot's project folder, its content root as under `dotnet run --project bot`.</summary>
    public static string DefaultContentRoot => BuildMetadata("BotContentRoot");

    /// <summary>
    /// Starts the bot and waits until /health/ready answers. <paramref name="settings"/> are configuration keys
    /// ("Storage:Provider") passed through the environment; replicas of one deployment share <paramref name="secret"/>.
    /// Without <paramref name="dataFolder"/> the bot gets a fresh one, deleted when it is disposed; a given one is left to the caller, so a restart finds the data.
    /// </summary>
    public static async Task<BotProcess> StartAsync(
        string botAssembly,
        string contentRoot,
        int port,
        string logLevel,
        IReadOnlyDictionary<string, string> environment,
        CancellationToken cancellationToken,
        IReadOnlyDictionary<string, string>? settings = null,
        string? secret = null,
        string? dataFolder = null)
    {
        var ownsDataFolder = dataFolder is null;
        dataFolder ??= Path.Combine(Path.GetTempPath(), "citizenbot-loadrunner", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataFolder);
        secret ??= NewSecret();
        var baseAddress = new Uri($"http://127.0.0.1:{port}");
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = contentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in new[]
        {
            botAssembly,
            "--urls", baseAddress.ToString().TrimEnd('/'),
            "--contentRoot", contentRoot,
            $"--Storage:DataFolder={dataFolder}",
            "--DirectLine:Secrets:0:Name=loadrunner",
            $"--Serilog:MinimumLevel:Default={logLevel}",
            $"--Serilog:MinimumLevel:Override:Microsoft.AspNetCore={logLevel}",
            $"--Serilog:MinimumLevel:Override:Microsoft.Hosting.Lifetime={logLevel}",
        })
        {
            start.ArgumentList.Add(argument);
        }

        // The secret goes through the environment rather than the command line that `ps` shows.
        start.Environment["DirectLine__Secrets__0__Value"] = secret;
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // One runner on 127.0.0.1 drives hundreds of citizens, each asking faster than a person types: the citizen rate
        // limits are raised here; settings may set them again (the flood benchmark runs with the shipped ones).
        start.Environment["RateLimits__ConversationStartsPerMinutePerClient"] = "1000000";
        start.Environment["RateLimits__MessagesPerMinutePerClient"] = "1000000";
        start.Environment["RateLimits__MessagesPerMinutePerConversation"] = "1000000";
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        foreach (var (name, value) in environment)
        {
            start.Environment[name] = value;
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start the bot.");
        process.OutputDataReceived += (_, line) => Forward(port, line.Data);
        process.ErrorDataReceived += (_, line) => Forward(port, line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var bot = new BotProcess(process, dataFolder, ownsDataFolder, baseAddress, secret);
        try
        {
            await bot.WaitUntilReadyAsync(cancellationToken);
        }
        catch
        {
            await bot.DisposeAsync();
            throw;
        }

        return bot;
    }

    /// <summary>A Direct Line secret for one deployment (all its replicas).</summary>
    public static string NewSecret() => RandomNumberGenerator.GetHexString(48, lowercase: true);

    public bool HasExited => _process.HasExited;

    /// <summary>Ends the bot at once, as a crash or an OOM kill would: no graceful shutdown, nothing flushed.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>First free port of the range given to this runner, so it never collides with other local services.</summary>
    public static int FreePort(int first, int last)
    {
        for (var port = first; port <= last; port++)
        {
            try
            {
                using var probe = new TcpListener(IPAddress.Loopback, port);
                probe.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken; try the next one.
            }
        }

        throw new InvalidOperationException($"No free port between {first} and {last}.");
    }

    public BotResources Resources()
    {
        _process.Refresh();
        return new BotResources(_process.WorkingSet64, _process.PeakWorkingSet64, _process.TotalProcessorTime, _process.Threads.Count);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync(new CancellationTokenSource(TimeSpan.FromSeconds(10)).Token);
        }

        _process.Dispose();
        if (!_ownsDataFolder)
        {
            return;
        }

        try
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A leftover temp folder is harmless.
        }
    }

    private static string BuildMetadata(string key) =>
        typeof(BotProcess).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(a => a.Key == key).Value!;

    private async Task WaitUntilReadyAsync(CancellationToken cancellationToken)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = Stopwatch.GetTimestamp() + (long)(ReadyTimeout.TotalSeconds * Stopwatch.Frequency);
        while (Stopwatch.GetTimestamp() < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"The bot exited with code {_process.ExitCode} before it was ready.");
            }

            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative), cancellationToken);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, cancellationToken);
        }

        throw new TimeoutException($"The bot was not ready within {ReadyTimeout.TotalSeconds} s.");
    }

    private static void Forward(int port, string? line)
    {
        if (!string.IsNullOrEmpty(line))
        {
            Console.Error.WriteLine($"[bot:{port}] {line}");
        }
    }
}

/// <summary>What the bot process holds and has used so far.</summary>
public readonly record struct BotResources(long WorkingSetBytes, long PeakWorkingSetBytes, TimeSpan ProcessorTime, int Threads);
