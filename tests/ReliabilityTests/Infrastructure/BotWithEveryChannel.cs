using CitizenBot.LoadRunner;

namespace CitizenBot.ReliabilityTests.Infrastructure;

/// <summary>The real bot as its own process on 127.0.0.1 with every channel switched on against loopback fakes.</summary>
public sealed class BotWithEveryChannel : IAsyncLifetime
{
    public OutsideServices Outside { get; private set; } = null!;

    public BotProcess Bot { get; private set; } = null!;

    public string Secret { get; } = BotProcess.NewSecret();

    public async Task InitializeAsync()
    {
        Outside = await OutsideServices.StartAsync();
        using var startup = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        Bot = await BotProcess.StartAsync(
            BotProcess.DefaultAssemblyPath, BotProcess.DefaultContentRoot, BotProcess.FreePort(5750, 5769), "Warning", new Dictionary<string, string>(), startup.Token, Outside.BotSettings(), Secret);
    }

    public async Task DisposeAsync()
    {
        await Bot.DisposeAsync();
        await Outside.DisposeAsync();
    }
}
