using CitizenBot.SharedKernel;
using CitizenBot.Transparency.Register;
using Microsoft.Extensions.Options;

namespace CitizenBot.Transparency;

/// <summary>The city's settings and citizen texts, the AI register and its live evaluation.</summary>
public static class TransparencyRegistration
{
    public static WebApplicationBuilder AddTransparency(this WebApplicationBuilder builder)
    {
        builder.Services.AddValidatedOptions<CityOptions>(CityOptions.Section);
        builder.Services.AddValidatedOptions<TextsOptions>(TextsOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<TextsOptions>, TextsOptionsValidation>();
        builder.Services.AddSingleton<CitizenTexts>();
        builder.Services.AddValidatedOptions<RegisterOptions>(RegisterOptions.Section);
        builder.Services.AddSingleton<IValidateOptions<RegisterOptions>, RegisterOptionsValidation>();
        builder.Services.AddHostedService<RegisterStartupCheck>();
        builder.Services.AddSingleton<LiveEvaluation>();
        builder.Services.AddHostedService(services => services.GetRequiredService<LiveEvaluation>());
        builder.Services.AddSingleton<TransparencyRegister>();
        builder.Services.AddRazorComponents();
        return builder;
    }
}
