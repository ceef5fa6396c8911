using CitizenBot.Knowledge.Search;
using CitizenBot.SharedKernel;

namespace CitizenBot.Knowledge;

/// <summary>The editors' knowledge folder, its change log and the search over it.</summary>
public static class KnowledgeRegistration
{
    public static WebApplicationBuilder AddKnowledge(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<KnowledgeOptions>(KnowledgeOptions.Section);
        builder.Services.AddSingleton<KnowledgeFolder>();
        builder.Services.AddSingleton<IKnowledgeBase>(services => services.GetRequiredService<KnowledgeFolder>());
        builder.Services.AddHostedService(services => services.GetRequiredService<KnowledgeFolder>());
        builder.Services.AddSingleton<KnowledgeChangeLog>();
        builder.Services.AddHostedService(services => services.GetRequiredService<KnowledgeChangeLog>());
        return builder.AddKnowledgeSearch();
    }
}
