using System.Text.Json.Nodes;
using CitizenBot.DeploymentTests.Infrastructure;

namespace CitizenBot.DeploymentTests;

/// <summary>The Azure deployment: `bicep build` and `bicep lint` without a single warning, and what the compiled template deploys.</summary>
public sealed class BicepTests
{
    private const string Template = "infra/azure/main.bicep";
    private const string Parameters = "infra/azure/main.example.bicepparam";

    /// <summary>The example parameters read secrets from the environment; placeholders stand in for them here.</summary>
    private static readonly Dictionary<string, string> SecretVariables = new()
    {
        ["BOT_APP_PASSWORD"] = "placeholder",
        ["POSTGRES_ADMIN_PASSWORD"] = "placeholder",
        ["DIRECTLINE_TOKEN_SIGNING_KEY"] = "placeholder",
        ["DIRECTLINE_SECRET"] = "placeholder",
    };

    private static readonly Lazy<Task<JsonObject>> Compiled = new(CompileAsync);

    [Fact]
    public async Task The_template_and_its_example_parameters_lint_without_warnings()
    {
        foreach (var file in new[] { Template, Parameters })
        {
            var lint = await Repository.RunAsync(Repository.BicepPath, ["lint", file], SecretVariables);
            lint.ExitCode.ShouldBe(0, lint.ToString());
            (lint.Output + lint.Errors).Trim().ShouldBeEmpty(lint.ToString());
        }

        var parameters = await Repository.RunAsync(Repository.BicepPath, ["build-params", Parameters, "--stdout"], SecretVariables);
        parameters.ExitCode.ShouldBe(0, parameters.ToString());
        parameters.Errors.Trim().ShouldBeEmpty();
    }

    [Fact]
    public async Task It_deploys_the_bot_with_its_database_search_vault_monitoring_and_identity()
    {
        var types = Resources(await Compiled.Value).Select(resource => resource["type"]!.GetValue<string>()).ToList();

        types.ShouldContain("Microsoft.App/containerApps");
        types.ShouldContain("Microsoft.App/managedEnvironments");
        types.ShouldContain("Microsoft.BotService/botServices");
        types.ShouldContain("Microsoft.DBforPostgreSQL/flexibleServers");
        types.ShouldContain("Microsoft.Search/searchServices");
        types.ShouldContain("Microsoft.KeyVault/vaults");
        types.ShouldContain("Microsoft.Insights/components");
        types.ShouldContain("Microsoft.OperationalInsights/workspaces");
        types.ShouldContain("Microsoft.ManagedIdentity/userAssignedIdentities");
    }

    [Fact]
    public async Task The_Azure_Bot_talks_to_api_messages_and_has_Direct_Line_and_Web_Chat_channels()
    {
        var resources = Resources(await Compiled.Value);
        var bot = resources.Single(resource => Is(resource, "Microsoft.BotService/botServices"));
        var channels = resources.Where(resource => Is(resource, "Microsoft.BotService/botServices/channels"))
            .Select(channel => channel["properties"]!["channelName"]!.GetValue<string>());

        bot["properties"]!["endpoint"]!.GetValue<string>().ShouldStartWith("[format('https://{0}/api/messages', ");
        channels.ShouldBe(["DirectLineChannel", "WebChatChannel"], ignoreOrder: true);
    }

    [Fact]
    public async Task The_app_keeps_at_least_two_replicas_and_reads_every_secret_from_Key_Vault()
    {
        var template = await Compiled.Value;
        var app = Resources(template).Single(resource => Is(resource, "Microsoft.App/containerApps"));
        var minReplicas = template["parameters"]!["minReplicas"]!;

        minReplicas["defaultValue"]!.GetValue<int>().ShouldBeGreaterThanOrEqualTo(2);
        minReplicas["minValue"]!.GetValue<int>().ShouldBe(2);
        app["properties"]!["template"]!["scale"]!["minReplicas"]!.ToString().ShouldContain("minReplicas");
        var secrets = app["properties"]!["configuration"]!["secrets"]!.ToJsonString();
        secrets.ShouldContain("keyVaultUrl");
        secrets.ShouldNotContain("\"value\"");
        foreach (var variable in BotEnvironment(app).Where(variable => LooksSecret(variable["name"]!.GetValue<string>())))
        {
            variable["secretRef"].ShouldNotBeNull($"{variable["name"]} must be a Key Vault reference");
        }
    }

    [Fact]
    public async Task Every_bot_setting_is_one_the_bot_reads()
    {
        var app = Resources(await Compiled.Value).Single(resource => Is(resource, "Microsoft.App/containerApps"));

        BotEnvironment(app).Select(variable => variable["name"]!.GetValue<string>()).Where(name => !KnownSettings.IsKnown(name)).ShouldBeEmpty();
    }

    private static IEnumerable<JsonObject> BotEnvironment(JsonObject app) =>
        app["properties"]!["template"]!["containers"]!.AsArray().Single(container => container!["name"]!.GetValue<string>() == "bot")!["env"]!
            .AsArray().Select(variable => variable!.AsObject());

    private static bool LooksSecret(string name) =>
        new[] { "Password", "Secret", "Key", "ConnectionString", "Token" }.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase))
        && !name.EndsWith("__Name", StringComparison.Ordinal);

    private static bool Is(JsonObject resource, string type) => resource["type"]!.GetValue<string>() == type;

    /// <summary>Resources of a compiled template, whether Bicep emitted them as an array or (symbolic names) an object.</summary>
    private static List<JsonObject> Resources(JsonObject template) => template["resources"] switch
    {
        JsonArray array => [.. array.Select(resource => resource!.AsObject())],
        JsonObject named => [.. named.Select(entry => entry.Value!.AsObject())],
        _ => [],
    };

    private static async Task<JsonObject> CompileAsync()
    {
        var build = await Repository.RunAsync(Repository.BicepPath, ["build", Template, "--stdout"]);
        build.ExitCode.ShouldBe(0, build.ToString());
        build.Errors.Trim().ShouldBeEmpty("bicep build reports warnings on standard error");
        return JsonNode.Parse(build.Output)!.AsObject();
    }
}
