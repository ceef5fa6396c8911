using Microsoft.Extensions.Configuration;

namespace CitizenBot.QualityTests;

/// <summary>The bot's own appsettings.json, so tests see the texts and thresholds citizens get.</summary>
internal static class AppSettings
{
    private static readonly IConfiguration Configuration = new ConfigurationBuilder()
        .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"), optional: false)
        .Build();

    public static T Get<T>(string section)
        where T : new() => Configuration.GetSection(section).Get<T>() ?? new T();
}
