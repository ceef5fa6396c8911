using System.Text.RegularExpressions;
using CitizenBot.DeploymentTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace CitizenBot.DeploymentTests;

/// <summary>The compose file: two bot replicas on one PostgreSQL behind a proxy that balances without sticky sessions.</summary>
public sealed partial class ComposeTests
{
    private static readonly YamlMappingNode Compose = Yaml.Documents(Repository.Read("infra/compose/compose.yaml")).Single();

    private static IReadOnlyList<KeyValuePair<string, YamlNode>> Bots =>
        [.. Compose.Entries("services").Where(service => service.Value.Text("build", "dockerfile") == "infra/docker/Dockerfile")];

    [Fact]
    public void Two_bot_replicas_run_the_same_image_on_PostgreSQL_with_the_same_token_signing_key()
    {
        Bots.Count.ShouldBe(2);
        Bots.Select(bot => bot.Value.Text("image")).Distinct().Count().ShouldBe(1);
        Bots.ShouldAllBe(bot => bot.Value.Text("environment", "Storage__Provider") == "PostgreSql");
        Bots.ShouldAllBe(bot => bot.Value.Text("environment", "Storage__ConnectionString")!.Contains("Host=postgres;", StringComparison.Ordinal));
        var signingKeys = Bots.Select(bot => bot.Value.Text("environment", "DirectLine__TokenSigningKey")).Distinct().ToList();
        signingKeys.Count.ShouldBe(1);
        signingKeys[0].ShouldStartWith("${DIRECTLINE_TOKEN_SIGNING_KEY");
    }

    [Fact]
    public void The_bots_run_read_only_and_wait_for_a_healthy_database()
    {
        Bots.ShouldAllBe(bot => bot.Value.Text("read_only") == "true");
        Bots.ShouldAllBe(bot => bot.Value.Items("tmpfs").Any(path => ((YamlScalarNode)path).Value == "/tmp"));
        Bots.ShouldAllBe(bot => bot.Value.Text("depends_on", "postgres", "condition") == "service_healthy");
        Compose.Text("services", "postgres", "image")!.ShouldStartWith("postgres:15");
        Compose.At("services", "postgres", "healthcheck").ShouldNotBeNull();
    }

    [Fact]
    public void Secrets_come_from_the_env_file_never_from_the_compose_file()
    {
        var example = Repository.Read("infra/compose/.env.example");
        foreach (var (service, node) in Compose.Entries("services"))
        {
            foreach (var (name, value) in node.Entries("environment"))
            {
                if (LooksSecret(name))
                {
                    var reference = VariableReference().Match(((YamlScalarNode)value).Value!);
                    reference.Success.ShouldBeTrue($"{service}: {name} must reference a variable from .env");
                    example.ShouldContain(reference.Groups["name"].Value + "=");
                }
            }
        }
    }

    [Fact]
    public void Every_bot_setting_is_one_the_bot_reads() =>
        Bots.SelectMany(bot => bot.Value.Entries("environment").Select(entry => entry.Key)).Where(key => !KnownSettings.IsKnown(key)).ShouldBeEmpty();

    [Fact]
    public void The_proxy_balances_round_robin_over_both_bots_and_passes_WebSocket_upgrades()
    {
        var proxy = Compose.At("services", "proxy")!;
        proxy.Text("image")!.ShouldStartWith("nginx:");
        proxy.Items("volumes").ShouldContain(volume => ((YamlScalarNode)volume).Value!.StartsWith("./nginx.conf:", StringComparison.Ordinal));
        var nginx = Repository.Read("infra/compose/nginx.conf");
        var upstream = Upstream().Match(nginx).Groups["body"].Value;

        foreach (var bot in Bots)
        {
            upstream.ShouldContain($"server {bot.Key}:8080");
        }

        // ip_hash, hash and sticky would pin a citizen to one replica.
        upstream.ShouldNotContain("ip_hash");
        upstream.ShouldNotContain("hash ");
        upstream.ShouldNotContain("sticky");
        nginx.ShouldContain("proxy_set_header Upgrade $http_upgrade;");
        nginx.ShouldContain("proxy_set_header Connection $connection_upgrade;");
        nginx.ShouldContain("proxy_read_timeout 3600s;");
    }

    private static bool LooksSecret(string name) =>
        new[] { "Password", "Secret", "Key", "ConnectionString", "Token" }.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase)) && !name.EndsWith("__Name", StringComparison.Ordinal);

    [GeneratedRegex("""\$\{(?<name>[A-Z_]+)(:?\?[^}]*)?\}""")]
    private static partial Regex VariableReference();

    [GeneratedRegex("""upstream\s+citizenbot\s*\{(?<body>[^}]*)\}""")]
    private static partial Regex Upstream();
}
