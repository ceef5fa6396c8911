using Microsoft.Extensions.Options;

namespace CitizenBot.SharedKernel;

/// <summary>How every feature binds its settings.</summary>
public static class OptionsRegistration
{
    /// <summary>Binds a section, checks its data annotations and fails start-up when they do not hold.</summary>
    public static OptionsBuilder<T> AddValidatedOptions<T>(this IServiceCollection services, string section)
        where T : class =>
        services.AddOptions<T>().BindConfiguration(section).ValidateDataAnnotations().ValidateOnStart();
}
