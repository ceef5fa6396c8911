using CitizenBot.FunctionalTests.Generation;

namespace CitizenBot.BrowserTests.Infrastructure;

/// <summary>The bot with its language model switched on, talking to a fake OpenAI-compatible server on 127.0.0.1.</summary>
public sealed class ModelBrowserFixture : BrowserFixture
{
    public ModelBrowserFixture()
        : this(FakeLanguageModel.StartAsync().GetAwaiter().GetResult())
    {
    }

    private ModelBrowserFixture(FakeLanguageModel model)
        : base(new Dictionary<string, string?>
        {
            ["Generation:Enabled"] = "true",
            ["Generation:Endpoint"] = model.Endpoint,
            ["Generation:Model"] = "city-model",
            ["Generation:ApiKey"] = "test-key",
        }) => Model = model;

    public FakeLanguageModel Model { get; }

    public override async Task DisposeAsync()
    {
        await base.DisposeAsync();
        await Model.DisposeAsync();
    }
}
