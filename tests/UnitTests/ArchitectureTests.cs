using ArchUnitNET.Domain;
using ArchUnitNET.Loader;
using ArchUnitNET.xUnit;
using static ArchUnitNET.Fluent.ArchRuleDefinition;

namespace CitizenBot.UnitTests;

/// <summary>The rules ARCHITECTURE.md states, checked on the compiled bot.</summary>
public sealed class ArchitectureTests
{
    private const string Root = "CitizenBot";

    // Where the app is put together: the web host, the command line and the evaluation build the features, nothing builds them.
    private static readonly string[] CompositionRoots = ["Hosting", "Cli", "Evaluation"];

    // Pairs of features that still depend on each other both ways, mostly through types every feature uses that have not moved to
    // the shared kernel yet (the turn context, the message labels). The list may only shrink: a new pair fails, and so does a pair
    // that is gone but still listed.
    private static readonly string[] KnownCycles =
    [
        "Answering ↔ Insights", "Answering ↔ Knowledge", "Channels ↔ Handoff", "Conversation ↔ Handoff", "Conversation ↔ Insights",
        "Fairness ↔ Insights", "Handoff ↔ Telemetry", "Insights ↔ Transparency", "Knowledge ↔ Privacy",
    ];

    private static readonly Architecture Bot = new ArchLoader().LoadAssemblies(typeof(Program).Assembly).Build();

    [Fact]
    public void The_shared_kernel_depends_on_no_feature() =>
        Types().That().ResideInNamespaceMatching($@"^{Root}\.SharedKernel(\..*)?$")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching($@"^{Root}\.(?!SharedKernel)\w+(\..*)?$")
            .Check(Bot);

    [Fact]
    public void No_feature_depends_on_the_composition_root() =>
        Types().That().ResideInNamespaceMatching($@"^{Root}\.(?!{string.Join('|', CompositionRoots)})\w+(\..*)?$")
            .Should().NotDependOnAnyTypesThat().ResideInNamespaceMatching($@"^{Root}\.Hosting(\..*)?$")
            .Check(Bot);

    [Fact]
    public void No_two_features_depend_on_each_other_both_ways_beyond_the_known_pairs()
    {
        var edges = Bot.Types
            .SelectMany(type => type.Dependencies.Select(dependency => (From: Feature(type), To: Feature(dependency.Target))))
            .Where(edge => edge.From is not null && edge.To is not null && edge.From != edge.To)
            .ToHashSet();

        var cycles = edges.Where(edge => string.CompareOrdinal(edge.From, edge.To) < 0 && edges.Contains((edge.To, edge.From)))
            .Select(edge => $"{edge.From} ↔ {edge.To}").Order(StringComparer.Ordinal).ToList();

        cycles.Except(KnownCycles).ShouldBeEmpty("a new pair of features depends on each other both ways");
        KnownCycles.Except(cycles).ShouldBeEmpty("this pair no longer depends both ways: remove it from KnownCycles");
    }

    /// <summary>The feature folder a type lives in ("Handoff" for CitizenBot.Handoff.AgentDesk), none for the composition roots and outside types.</summary>
    private static string? Feature(IType type)
    {
        var parts = (type.Namespace?.FullName ?? "").Split('.');
        return parts.Length >= 2 && parts[0] == Root && !CompositionRoots.Contains(parts[1]) && parts[1] != "SharedKernel" ? parts[1] : null;
    }
}
