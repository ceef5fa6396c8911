namespace CitizenBot.Knowledge.Search.Azure;

/// <summary>Whether questions may go to Azure: only once the index matches the folder, and not while a recent call failed.</summary>
public sealed class AzureIndexHealth(TimeProvider time)
{
    private long _pausedUntilTicks;
    private int _inStep;

    /// <summary>True once a sync has pushed the whole folder; later syncs only add changes, so a slightly older index still ranks well.</summary>
    public bool InStep => Volatile.Read(ref _inStep) == 1;

    public bool Usable => InStep && time.GetUtcNow().UtcTicks >= Interlocked.Read(ref _pausedUntilTicks);

    public void MarkInStep() => Volatile.Write(ref _inStep, 1);

    /// <summary>Lets the local index answer alone for <paramref name="pause"/>, so citizens do not each wait for a timeout.</summary>
    public void Pause(TimeSpan pause) => Interlocked.Exchange(ref _pausedUntilTicks, (time.GetUtcNow() + pause).UtcTicks);
}
