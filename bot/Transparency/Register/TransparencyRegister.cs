using CitizenBot.Answering.Generation;
using CitizenBot.Handoff;
using CitizenBot.Insights;
using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Search;
using CitizenBot.Privacy;
using CitizenBot.SharedKernel;
using CitizenBot.Storage;
using Microsoft.Extensions.Options;

namespace CitizenBot.Transparency.Register;

/// <summary>The register record of the running bot: the city's statements plus what the system is doing now.</summary>
public sealed class TransparencyRegister(
    IOptions<RegisterOptions> register,
    IOptions<CityOptions> city,
    IOptions<GenerationOptions> generation,
    IOptions<HandoffOptions> handoff,
    IOptions<KnowledgeOptions> knowledgeOptions,
    IOptions<StorageOptions> storage,
    IOptions<KnowledgeSearchOptions> search,
    IKnowledgeBase knowledge,
    LiveEvaluation evaluation,
    IConfiguration configuration,
    IServiceProvider services,
    TimeProvider time)
{
    /// <summary>Production figures cover the last 30 days, today included.</summary>
    public const int ProductionDays = 30;

    public async Task<RegisterRecord> CurrentAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        // Production figures come from the insights feature when it is installed; without it the register leaves them out.
        UsageSummary? production = null;
        if (services.GetService<IUsageFigures>() is { } usage)
        {
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            production = await usage.SummariseAsync(today.AddDays(1 - ProductionDays), today, cancellationToken);
        }

        return RegisterRecord.Build(new RegisterInputs(
            register.Value,
            city.Value,
            generation.Value,
            handoff.Value,
            knowledgeOptions.Value.Folder,
            knowledge.Current,
            storage.Value.Provider,
            search.Value.Backend,
            configuration.GetValue<int?>(RegisterRecord.ConversationRetentionKey),
            services.GetService<IPersonalDataRedactor>() is not null,
            evaluation.State,
            production,
            now));
    }
}
