using CitizenBot.DeploymentTests.Infrastructure;
using YamlDotNet.RepresentationModel;

namespace CitizenBot.DeploymentTests;

/// <summary>The Kubernetes manifests as `kubectl kustomize` renders them (offline, with the local kubectl client).</summary>
public sealed class KubernetesTests
{
    private static readonly Lazy<Task<IReadOnlyList<YamlMappingNode>>> Rendered = new(RenderAsync);

    [Fact]
    public async Task The_bot_runs_as_two_replicas_with_startup_readiness_and_liveness_probes_and_resources()
    {
        var deployment = await SingleAsync("Deployment");
        var bot = deployment.Items("spec", "template", "spec", "containers").Single();

        deployment.Text("spec", "replicas").ShouldBe("2");
        bot.Text("startupProbe", "httpGet", "path").ShouldBe("/health/ready");
        bot.Text("readinessProbe", "httpGet", "path").ShouldBe("/health/ready");
        bot.Text("livenessProbe", "httpGet", "path").ShouldBe("/health/live");
        bot.Text("resources", "requests", "cpu").ShouldNotBeNull();
        bot.Text("resources", "requests", "memory").ShouldNotBeNull();
        bot.Text("resources", "limits", "memory").ShouldNotBeNull();
    }

    [Fact]
    public async Task The_bot_runs_as_non_root_on_a_read_only_root_file_system_with_writable_data_and_tmp()
    {
        var pod = (await SingleAsync("Deployment")).At("spec", "template", "spec")!;
        var bot = pod.Items("containers").Single();

        pod.Text("securityContext", "runAsNonRoot").ShouldBe("true");
        bot.Text("securityContext", "runAsNonRoot").ShouldBe("true");
        bot.Text("securityContext", "readOnlyRootFilesystem").ShouldBe("true");
        bot.Text("securityContext", "allowPrivilegeEscalation").ShouldBe("false");
        bot.Items("volumeMounts").Select(mount => mount.Text("mountPath")).ShouldBe(["/data", "/tmp"], ignoreOrder: true);
    }

    [Fact]
    public async Task No_secret_is_written_in_the_manifests_only_referenced()
    {
        var rendered = await Rendered.Value;
        var bot = (await SingleAsync("Deployment")).Items("spec", "template", "spec", "containers").Single();

        rendered.ShouldNotContain(document => document.Text("kind") == "Secret");
        foreach (var variable in bot.Items("env").Where(variable => LooksSecret(variable.Text("name")!)))
        {
            variable.Text("value").ShouldBeNull($"{variable.Text("name")} must come from a Secret");
            variable.Text("valueFrom", "secretKeyRef", "name").ShouldBe("citizenbot-secrets");
        }

        (await SingleAsync("ConfigMap")).Entries("data").Select(entry => entry.Key).ShouldNotContain(key => LooksSecret(key));
    }

    [Fact]
    public async Task Every_bot_setting_is_one_the_bot_reads()
    {
        var bot = (await SingleAsync("Deployment")).Items("spec", "template", "spec", "containers").Single();
        var names = bot.Items("env").Select(variable => variable.Text("name")!)
            .Concat((await SingleAsync("ConfigMap")).Entries("data").Select(entry => entry.Key));

        names.Where(name => !KnownSettings.IsKnown(name)).ShouldBeEmpty();
        bot.Items("envFrom").Single().Text("configMapRef", "name").ShouldBe((await SingleAsync("ConfigMap")).Text("metadata", "name"));
    }

    [Fact]
    public async Task The_ingress_keeps_WebSocket_streams_open_and_the_service_has_no_session_affinity()
    {
        var ingress = await SingleAsync("Ingress");
        int.Parse(ingress.Text("metadata", "annotations", "nginx.ingress.kubernetes.io/proxy-read-timeout")!, System.Globalization.CultureInfo.InvariantCulture)
            .ShouldBeGreaterThanOrEqualTo(3600);
        ingress.Entries("metadata", "annotations").Select(entry => entry.Key).ShouldNotContain("nginx.ingress.kubernetes.io/affinity");
        (await SingleAsync("Service")).Text("spec", "sessionAffinity").ShouldBe("None");
    }

    [Fact]
    public async Task A_disruption_budget_keeps_one_replica_and_the_autoscaler_never_goes_below_two()
    {
        (await SingleAsync("PodDisruptionBudget")).Text("spec", "minAvailable").ShouldBe("1");
        (await SingleAsync("HorizontalPodAutoscaler")).Text("spec", "minReplicas").ShouldBe("2");
    }

    private static bool LooksSecret(string name) =>
        new[] { "Password", "Secret", "Key", "ConnectionString", "Token" }.Any(word => name.Contains(word, StringComparison.OrdinalIgnoreCase))
        && !name.EndsWith("__Name", StringComparison.Ordinal);

    private static async Task<YamlMappingNode> SingleAsync(string kind) => (await Rendered.Value).Single(document => document.Text("kind") == kind);

    private static async Task<IReadOnlyList<YamlMappingNode>> RenderAsync()
    {
        var run = await Repository.RunAsync("kubectl", ["kustomize", "infra/kubernetes"]);
        run.ExitCode.ShouldBe(0, run.ToString());
        return Yaml.Documents(run.Output);
    }
}
