using System.Text.RegularExpressions;
using CitizenBot.DeploymentTests.Infrastructure;

namespace CitizenBot.DeploymentTests;

/// <summary>
/// The container image, checked statically: no Docker daemon runs where these tests run, so the image is not built here
/// (infra/README.md says how to build it).
/// </summary>
public sealed partial class DockerfileTests
{
    private static readonly IReadOnlyList<(string Instruction, string Arguments)> Instructions = Parse(Repository.Read("infra/docker/Dockerfile"));

    [Fact]
    public void It_builds_in_stages_and_runs_on_the_ASP_NET_Core_runtime_image()
    {
        var stages = Instructions.Where(line => line.Instruction == "FROM").Select(line => line.Arguments).ToList();

        stages.Count.ShouldBeGreaterThanOrEqualTo(2);
        stages.ShouldContain(stage => stage.Contains("DOTNET_SDK_IMAGE", StringComparison.Ordinal));
        stages[^1].ShouldContain("DOTNET_RUNTIME_IMAGE");
        Arguments("ARG").ShouldContain("DOTNET_SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0");
        Arguments("ARG").ShouldContain("DOTNET_RUNTIME_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0");
        Arguments("RUN").ShouldContain(run => run.Contains("npm ci", StringComparison.Ordinal));
        Arguments("COPY").ShouldContain(copy => copy.Contains("bot/ClientApp/package-lock.json", StringComparison.Ordinal));
        Arguments("RUN").ShouldContain(run => run.Contains("dotnet publish bot/CitizenBot.csproj", StringComparison.Ordinal));
    }

    [Fact]
    public void The_final_stage_runs_as_a_non_root_user()
    {
        var finalStage = Instructions.Skip(Instructions.ToList().FindLastIndex(line => line.Instruction == "FROM")).ToList();
        var user = finalStage.Last(line => line.Instruction == "USER").Arguments.Split(':')[0];

        user.ShouldNotBeOneOf("root", "0");
        int.TryParse(user, out var uid).ShouldBeTrue("a numeric UID lets Kubernetes check runAsNonRoot");
        uid.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void The_health_check_asks_the_bots_liveness_endpoint()
    {
        var check = Arguments("HEALTHCHECK").Single();
        var path = HealthPath().Match(check).Groups["path"].Value;

        path.ShouldBe("/health/live");
        Repository.Read("bot/Hosting/Health.cs").ShouldContain($"\"{path}\"");
    }

    [Fact]
    public void Only_the_data_folder_and_tmp_need_to_be_writable()
    {
        var volumes = Arguments("VOLUME").Single();
        volumes.ShouldContain("\"/data\"");
        volumes.ShouldContain("\"/tmp\"");
        Environment().ShouldContainKeyAndValue("Storage__DataFolder", "/data");
        Environment()["ASPNETCORE_URLS"].ShouldContain("http://+:8080");
    }

    [Fact]
    public void Every_setting_in_the_image_is_one_the_bot_reads() =>
        Environment().Keys.Where(key => !KnownSettings.IsKnown(key)).ShouldBeEmpty();

    [Fact]
    public void The_build_context_leaves_out_build_output_and_local_packages()
    {
        var ignored = Repository.Read(".dockerignore").Split('\n').Select(line => line.Trim()).ToList();

        ignored.ShouldContain("**/bin/");
        ignored.ShouldContain("**/obj/");
        ignored.ShouldContain("**/node_modules/");
        ignored.ShouldContain(".git/");
    }

    private static List<string> Arguments(string instruction) =>
        [.. Instructions.Where(line => line.Instruction == instruction).Select(line => line.Arguments)];

    private static Dictionary<string, string> Environment() =>
        Arguments("ENV")
            .SelectMany(arguments => EnvAssignment().Matches(arguments))
            .ToDictionary(match => match.Groups["name"].Value, match => match.Groups["value"].Value.Trim('"'));

    /// <summary>Instructions with their continuation lines joined and comments dropped.</summary>
    private static List<(string, string)> Parse(string dockerfile)
    {
        var joined = dockerfile.Replace("\\\r\n", " ", StringComparison.Ordinal).Replace("\\\n", " ", StringComparison.Ordinal);
        return [.. joined.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith('#'))
            .Select(line => line.Split(' ', 2) is [var instruction, var arguments] ? (instruction.ToUpperInvariant(), arguments.Trim()) : (line.ToUpperInvariant(), ""))];
    }

    [GeneratedRegex("""http://127\.0\.0\.1:8080(?<path>/[a-z/]+)""")]
    private static partial Regex HealthPath();

    [GeneratedRegex("""(?<name>[A-Za-z_][A-Za-z0-9_]*)=(?<value>"[^"]*"|\S+)""")]
    private static partial Regex EnvAssignment();
}
