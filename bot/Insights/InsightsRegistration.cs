using CitizenBot.SharedKernel;

namespace CitizenBot.Insights;

/// <summary>The answer log, citizens' feedback, usage figures, incidents and the council's reports.</summary>
public static class InsightsRegistration
{
    public static WebApplicationBuilder AddInsights(this WebApplicationBuilder builder)
    {
        builder.Services.AddRequiredTexts("feedback", InsightsTextKeys.All);
        builder.Services.AddSingleton<InsightsStore>();
        builder.Services.AddSingleton<AnswerLog>();
        builder.Services.AddHostedService<AnswerLogWriter>();
        builder.Services.AddSingleton<CitizenFeedback>();
        builder.Services.AddSingleton<UsageFigures>();
        builder.Services.AddSingleton<IUsageFigures>(services => services.GetRequiredService<UsageFigures>());
        builder.Services.AddSingleton<IncidentLog>();
        builder.Services.AddSingleton<CouncilReports>();
        return builder;
    }
}
