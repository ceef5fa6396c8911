using CitizenBot.DeploymentTests.Infrastructure;

namespace CitizenBot.DeploymentTests;

/// <summary>The check every deployment file's settings go through: a key the bot does not read must fail.</summary>
public sealed class KnownSettingsTests
{
    [Theory]
    [InlineData("Storage__Provider")]
    [InlineData("Storage__ConnectionString")]
    [InlineData("DirectLine__TokenSigningKey")]
    [InlineData("DirectLine__Secrets__0__Value")]
    [InlineData("BotFramework__AppPassword")]
    [InlineData("KnowledgeSearch__AzureAiSearch__ApiKey")]
    [InlineData("Telemetry__MetricsPort")]
    [InlineData("City__Offices__3__Name")]
    [InlineData("Texts__Languages__de__Greeting")]
    [InlineData("ASPNETCORE_URLS")]
    public void Keys_the_bot_reads_are_known(string variable) => KnownSettings.IsKnown(variable).ShouldBeTrue();

    [Theory]
    [InlineData("Storage__Provder")]
    [InlineData("DirectLine__TokenSigningkeys")]
    [InlineData("Telemetry__OtlpEndpont")]
    [InlineData("Storage_Provider")]
    [InlineData("ASPNETCORE_URL")]
    public void Misspelt_keys_are_not(string variable) => KnownSettings.IsKnown(variable).ShouldBeFalse();
}
