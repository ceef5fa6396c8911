
namespace CitizenBot.Fairness;

/// <summary>The weekly check that no group of citizens is answered worse than the rest.</summary>
public static class FairnessRegistration
{
    public static WebApplicationBuilder AddFairness(this WebApplicationBuilder builder)
    {
        builder.Services.AddSingleton<FairnessFindings>();
        builder.Services.AddSingleton<WeeklyFairnessCheck>();
        builder.Services.AddHostedService(services => services.GetRequiredService<WeeklyFairnessCheck>());
        return builder;
    }
}
