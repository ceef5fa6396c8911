using CitizenBot.SharedKernel;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace CitizenBot.UnitTests;

/// <summary>The citizen texts exactly as the bot ships them in appsettings.json.</summary>
internal static class ShippedTexts
{
    public static CitizenTexts Create()
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            .Build();
        return new CitizenTexts(
            Options.Create(configuration.GetSection(TextsOptions.Section).Get<TextsOptions>()!),
            Options.Create(configuration.GetSection(CityOptions.Section).Get<CityOptions>()!));
    }
}
