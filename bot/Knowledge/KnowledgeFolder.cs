using CitizenBot.Knowledge.Import;
using Microsoft.Extensions.Options;

namespace CitizenBot.Knowledge;

public enum KnowledgeFileState
{
    Ok,
    Flagged,
    Error,
    Retired,
}

/// <summary>What the admin page shows for one file: is it serving, since when, and what is wrong with it.</summary>
public sealed record KnowledgeFileStatus(
    string Path,
    string? Id,
    string? Title,
    KnowledgeFileState State,
    IReadOnlyList<string> Flags,
    DateTimeOffset? IndexedAt,
    IReadOnlyList<KnowledgeProblem> Errors,
    DateTimeOffset? ErrorAt,
    bool ServingLastGoodVersion);

/// <summary>
/// The knowledge folder as the bot serves it. Loads every file at start, watches the folder (events plus a periodic
/// rescan), re-reads only files whose content hash changed and swaps the snapshot atomically. A broken file keeps
/// its last good version serving and its errors are recorded; nothing in the folder can stop the bot.
/// </summary>
public sealed partial class KnowledgeFolder : IKnowledgeBase, IHostedService, IDisposable
{
    private readonly object _gate = new();
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly SemaphoreSlim _changeSignal = new(0, int.MaxValue);
    private readonly KnowledgeOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<KnowledgeFolder> _logger;
    private readonly CancellationTokenSource _stopping = new();
    private FileSystemWatcher? _watcher;
    private Task? _watching;
    private KnowledgeSnapshot _current;
    private int _disposed;
    private IReadOnlyList<KnowledgeFileStatus> _statuses = [];

    public KnowledgeFolder(IOptions<KnowledgeOptions> options, IHostEnvironment environment, TimeProvider time, ILogger<KnowledgeFolder> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(environment);
        _options = options.Value;
        _time = time;
        _logger = logger;
        FolderPath = Path.GetFullPath(Path.Combine(environment.ContentRootPath, _options.Folder));
        _current = new KnowledgeSnapshot([], 0, time.GetUtcNow());
    }

    public string FolderPath { get; }

    public KnowledgeSnapshot Current => Volatile.Read(ref _current);

    /// <summary>Every file the folder holds, in path order, with its state.</summary>
    public IReadOnlyList<KnowledgeFileStatus> Files => Volatile.Read(ref _statuses);

    public event EventHandler<KnowledgeSnapshot>? Changed;

    /// <summary>The service files of a folder in a stable order; the README is for editors, not citizens.</summary>
    public static IEnumerable<string> ServiceFiles(string folder) =>
        Directory.EnumerateFiles(folder, "*.md", SearchOption.TopDirectoryOnly)
            .Where(KnowledgeImport.IsServiceFile)
            .Order(StringComparer.Ordinal);

    public Task StartAsync(CancellationToken cancellationToken)
    {
        Rescan();
        StartWatcher();
        _watching = Task.Run(() => WatchAsync(_stopping.Token), CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        _watcher?.Dispose();
        if (_watching is not null)
        {
            await _watching.WaitAsync(cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }
    }

    public void Dispose()
    {
        // Registered under three service types, so the container hands it back for disposal more than once.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        _stopping.Cancel();
        _watcher?.Dispose();
        _stopping.Dispose();
        _changeSignal.Dispose();
    }

    /// <summary>Reads what changed since the last scan and publishes a new snapshot when anything did.</summary>
    public void Rescan()
    {
        KnowledgeSnapshot? published = null;
        lock (_gate)
        {
            try
            {
                if (ScanLocked())
                {
                    var documents = _entries.Values.Where(entry => entry.Serving is not null).OrderBy(entry => entry.Path, StringComparer.Ordinal).Select(entry => entry.Serving!).ToList();
                    published = new KnowledgeSnapshot(documents, Current.Version + 1, _time.GetUtcNow());
                    Volatile.Write(ref _current, published);
                    Volatile.Write(ref _statuses, _entries.Values.OrderBy(entry => entry.Path, StringComparer.Ordinal).Select(entry => entry.Status()).ToList());
                }
            }
            catch (Exception exception) when (exception is IOException or UnauthorizedAccessException)
            {
                LogScanFailed(exception, FolderPath);
            }
        }

        if (published is not null)
        {
            LogLoaded(published.Documents.Count, published.Version);
            Changed?.Invoke(this, published);
        }
    }

    private bool ScanLocked()
    {
        var paths = Directory.Exists(FolderPath) ? ServiceFiles(FolderPath).ToHashSet(StringComparer.Ordinal) : [];
        var changed = false;
        foreach (var gone in _entries.Keys.Where(path => !paths.Contains(path)).ToList())
        {
            _entries.Remove(gone);
            changed = true;
        }

        foreach (var path in paths.Order(StringComparer.Ordinal))
        {
            string text;
            try
            {
                text = File.ReadAllText(path);
            }
            catch (IOException exception)
            {
                // An editor's program may still be writing; the next event or rescan reads it.
                LogFileUnreadable(exception, path);
                continue;
            }

            var hash = KnowledgeFile.HashOf(text);
            if (_entries.TryGetValue(path, out var known) && known.Hash == hash)
            {
                continue;
            }

            var entry = known ?? new Entry(Path.GetRelativePath(FolderPath, path));
            _entries[path] = entry;
            Apply(entry, KnowledgeFile.Read(entry.Path, text), hash);
            changed = true;
        }

        return changed;
    }

    private void Apply(Entry entry, KnowledgeFile file, string hash)
    {
        entry.Hash = hash;
        var now = _time.GetUtcNow();
        var errors = file.Problems.Where(problem => problem.Severity == ProblemSeverity.Error).ToList();
        var id = file.Document?.Id;
        var owner = id is null ? null : _entries.Values.FirstOrDefault(other => other != entry && other.Serving?.Id == id);
        if (owner is not null)
        {
            errors.Add(new KnowledgeProblem(entry.Path, file.IdLine, $"duplicate id '{id}': also used by {owner.Path}", ProblemSeverity.Error));
        }

        if (errors.Count > 0)
        {
            entry.Errors = errors;
            entry.ErrorAt = now;
            entry.Id ??= file.FrontMatter?.Id;
            entry.Title ??= file.FrontMatter?.Title;
            LogFileBroken(entry.Path, errors[0].Line, entry.Serving is not null);
            return;
        }

        entry.Errors = [];
        entry.ErrorAt = null;
        entry.Retired = file.Retired;
        entry.Serving = file.Retired ? null : file.Document;
        entry.Id = file.Document!.Id;
        entry.Title = file.Document.Title;
        entry.IndexedAt = now;
    }

    private void StartWatcher()
    {
        if (!Directory.Exists(FolderPath))
        {
            LogFolderMissing(FolderPath);
            return;
        }

        try
        {
            _watcher = new FileSystemWatcher(FolderPath, "*.md") { NotifyFilter = NotifyFilters.FileName | NotifyFilters.LastWrite | NotifyFilters.Size };
            _watcher.Changed += (_, _) => Signal();
            _watcher.Created += (_, _) => Signal();
            _watcher.Deleted += (_, _) => Signal();
            _watcher.Renamed += (_, _) => Signal();
            _watcher.Error += (_, _) => Signal();
            _watcher.EnableRaisingEvents = true;
        }
        catch (Exception exception) when (exception is IOException or ArgumentException or PlatformNotSupportedException)
        {
            // The periodic rescan still picks up changes.
            LogWatcherFailed(exception, FolderPath);
        }
    }

    private void Signal() => _changeSignal.Release();

    private async Task WatchAsync(CancellationToken stop)
    {
        while (!stop.IsCancellationRequested)
        {
            try
            {
                await _changeSignal.WaitAsync(_options.Rescan, stop);
                await Task.Delay(_options.Debounce, _time, stop);
                while (_changeSignal.Wait(0, CancellationToken.None))
                {
                    // Several events of one save are read as one change.
                }

                Rescan();
            }
            catch (OperationCanceledException)
            {
                return;
            }
#pragma warning disable CA1031 // The _watcher must outlive any surprise; the next rescan tries again.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                LogScanFailed(exception, FolderPath);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Knowledge loaded: {DocumentCount} documents serving, snapshot {Version}")]
    private partial void LogLoaded(int documentCount, long version);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge file {Path} has an error on line {Line}; last good version serving: {ServingLastGood}")]
    private partial void LogFileBroken(string path, int line, bool servingLastGood);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge file {Path} could not be read yet")]
    private partial void LogFileUnreadable(Exception exception, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge folder {Folder} does not exist; no service descriptions are served until it does")]
    private partial void LogFolderMissing(string folder);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Knowledge folder {Folder} cannot be watched; relying on the periodic rescan")]
    private partial void LogWatcherFailed(Exception exception, string folder);

    [LoggerMessage(Level = LogLevel.Error, Message = "Knowledge folder {Folder} could not be scanned")]
    private partial void LogScanFailed(Exception exception, string folder);

    private sealed class Entry(string path)
    {
        public string Path { get; } = path;
        public string? Hash { get; set; }
        public string? Id { get; set; }
        public string? Title { get; set; }
        public KnowledgeDocument? Serving { get; set; }
        public bool Retired { get; set; }
        public DateTimeOffset? IndexedAt { get; set; }
        public List<KnowledgeProblem> Errors { get; set; } = [];
        public DateTimeOffset? ErrorAt { get; set; }

        public KnowledgeFileStatus Status()
        {
            var flags = Serving?.Flags ?? [];
            var state = Errors.Count > 0 ? KnowledgeFileState.Error
                : Retired ? KnowledgeFileState.Retired
                : flags.Count > 0 ? KnowledgeFileState.Flagged
                : KnowledgeFileState.Ok;
            return new(Path, Id, Title, state, flags, IndexedAt, Errors, ErrorAt, Errors.Count > 0 && Serving is not null);
        }
    }
}
