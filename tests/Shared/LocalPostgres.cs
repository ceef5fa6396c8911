using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using Npgsql;

// The namespace is the name other test projects link this file under; it is never consumed from Visual Basic.
#pragma warning disable CA1716
namespace CitizenBot.Tests.Shared;
#pragma warning restore CA1716

/// <summary>
/// A private PostgreSQL server for one test run: initdb into a temporary folder, pg_ctl start on a free loopback port
/// (15432-15460), trust authentication on loopback only. As root (here and in CI) the server runs as the postgres OS user.
/// </summary>
public sealed class LocalPostgres : IAsyncDisposable
{
    private const int FirstPort = 15432;
    private const int LastPort = 15460;
    private const string Superuser = "postgres";
    private static readonly TimeSpan CommandTimeout = TimeSpan.FromSeconds(60);

    private readonly string _binaries;
    private readonly string _folder;

    private LocalPostgres(string binaries, string folder, int port)
    {
        _binaries = binaries;
        _folder = folder;
        Port = port;
    }

    public int Port { get; }

    private string DataFolder => Path.Combine(_folder, "data");

    private static bool RunsAsRoot => Environment.UserName == "root";

    public static async Task<LocalPostgres> StartAsync()
    {
        var binaries = FindBinaries();
        var folder = Path.Combine(Path.GetTempPath(), "citizenbot-postgres-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        if (RunsAsRoot)
        {
            await RunAsync("chown", ["-R", $"{Superuser}:{Superuser}", folder]);
        }

        await RunAsync(Path.Combine(binaries, "initdb"), ["-D", Path.Combine(folder, "data"), "-U", Superuser, "-A", "trust", "-E", "UTF8", "--locale=C", "--no-sync"], asServer: true);
        var failures = new List<string>();
        foreach (var port in FreePorts())
        {
            var server = new LocalPostgres(binaries, folder, port);
            try
            {
                await server.StartServerAsync();
                return server;
            }
            catch (InvalidOperationException exception)
            {
                // Another test run may have taken the port between the check and the start; try the next.
                failures.Add(exception.Message);
            }
        }

        Directory.Delete(folder, recursive: true);
        throw new InvalidOperationException($"No PostgreSQL server could start on ports {FirstPort}-{LastPort}: {string.Join(" | ", failures)}");
    }

    public string ConnectionString(string database) => new NpgsqlConnectionStringBuilder
    {
        Host = "127.0.0.1",
        Port = Port,
        Username = Superuser,
        Database = database,
        Timeout = 15,
        CommandTimeout = 30,
        MaxPoolSize = 200,
    }.ConnectionString;

    /// <summary>A fresh, empty database; each test class takes its own.</summary>
    public async Task<string> CreateDatabaseAsync()
    {
        var name = "citizenbot_" + Guid.NewGuid().ToString("N");
        await using var connection = new NpgsqlConnection(ConnectionString("postgres"));
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
        await create.ExecuteNonQueryAsync();
        return name;
    }

    /// <summary>Stops the server fast (open connections are cut) and starts it again on the same port and data.</summary>
    public async Task RestartAsync()
    {
        await RunAsync(Path.Combine(_binaries, "pg_ctl"), ["stop", "-D", DataFolder, "-m", "fast", "-w", "-t", "30"], asServer: true);
        await StartServerAsync();
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await RunAsync(Path.Combine(_binaries, "pg_ctl"), ["stop", "-D", DataFolder, "-m", "immediate", "-w", "-t", "30"], asServer: true);
        }
        finally
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private async Task StartServerAsync()
    {
        var options = string.Join(
            ' ',
            $"-p {Port.ToString(CultureInfo.InvariantCulture)}",
            "-c listen_addresses=127.0.0.1",
            $"-c unix_socket_directories={_folder}",
            "-c max_connections=400",
            "-c fsync=off",
            "-c synchronous_commit=off",
            "-c full_page_writes=off");
        await RunAsync(
            Path.Combine(_binaries, "pg_ctl"),
            ["start", "-D", DataFolder, "-w", "-t", "30", "-l", Path.Combine(_folder, "server.log"), "-o", options],
            asServer: true);
    }

    private static string FindBinaries()
    {
        const string Root = "/usr/lib/postgresql";
        var found = Directory.Exists(Root)
            ? Directory.GetDirectories(Root)
                .Select(folder => (Folder: folder, Version: int.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var v) ? v : -1))
                .Where(candidate => candidate.Version >= 0 && File.Exists(Path.Combine(candidate.Folder, "bin", "initdb")))
                .OrderByDescending(candidate => candidate.Version)
                .Select(candidate => Path.Combine(candidate.Folder, "bin"))
                .FirstOrDefault()
            : null;
        return found ?? throw new InvalidOperationException(
            $"PostgreSQL server binaries are missing ({Root}/*/bin/initdb); test.sh installs the Debian package postgresql.");
    }

    private static IEnumerable<int> FreePorts()
    {
        for (var port = FirstPort; port <= LastPort; port++)
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
            try
            {
                probe.Bind(new IPEndPoint(IPAddress.Loopback, port));
            }
            catch (SocketException)
            {
                continue;
            }

            probe.Close();
            yield return port;
        }
    }

    private static async Task RunAsync(string program, IReadOnlyList<string> arguments, bool asServer = false)
    {
        var start = new ProcessStartInfo
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        if (asServer && RunsAsRoot)
        {
            // PostgreSQL refuses to run as root.
            start.FileName = "runuser";
            foreach (var argument in (string[])["-u", Superuser, "--", program])
            {
                start.ArgumentList.Add(argument);
            }
        }
        else
        {
            start.FileName = program;
        }

        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"{program} did not start.");
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(CommandTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"{Path.GetFileName(program)} {string.Join(' ', arguments)} did not finish within {CommandTimeout.TotalSeconds} s.");
        }

        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{Path.GetFileName(program)} {arguments[0]} failed with exit code {process.ExitCode}: {await errors} {await output}".Trim());
        }
    }
}
