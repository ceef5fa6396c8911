using CitizenBot.Answering.Generation;
using CitizenBot.SharedKernel;
using Microsoft.Extensions.Options;

namespace CitizenBot.Transparency.Register;

/// <summary>Which governance statements the city has not made yet, named by their configuration key (Register:LegalBasis:de).</summary>
public static class RegisterCompleteness
{
    public static IReadOnlyList<string> MissingFields(RegisterOptions register, bool usesLanguageModel)
    {
        ArgumentNullException.ThrowIfNull(register);
        var missing = new List<string>();
        void Text(string field, Dictionary<string, string> text) =>
            missing.AddRange(CitizenTexts.RequiredLanguages
                .Where(language => string.IsNullOrWhiteSpace(text.GetValueOrDefault(language)))
                .Select(language => $"{RegisterOptions.Section}:{field}:{language}"));

        Text(nameof(register.Name), register.Name);
        Text(nameof(register.Purpose), register.Purpose);
        Text(nameof(register.Status), register.Status);
        Text(nameof(register.LegalBasis), register.LegalBasis);
        Text(nameof(register.SeniorResponsibleOwner), register.SeniorResponsibleOwner);
        Text(nameof(register.FinalResponsibility), register.FinalResponsibility);
        Text(nameof(register.PersonalData), register.PersonalData);
        Text(nameof(register.Recipients), register.Recipients);
        Text(nameof(register.DataProtectionOfficer), register.DataProtectionOfficer);
        Text(nameof(register.Hosting), register.Hosting);
        Text(nameof(register.RiskCategory), register.RiskCategory);
        Text(nameof(register.ImpactAssessment), register.ImpactAssessment);
        if (usesLanguageModel)
        {
            Text(nameof(register.ModelProvider), register.ModelProvider);
            Text(nameof(register.ModelHosting), register.ModelHosting);
        }

        if (register.Risks.Count == 0)
        {
            missing.Add($"{RegisterOptions.Section}:{nameof(register.Risks)}");
        }

        for (var i = 0; i < register.Risks.Count; i++)
        {
            Text($"{nameof(register.Risks)}:{i}:{nameof(RegisterRisk.Risk)}", register.Risks[i].Risk);
            Text($"{nameof(register.Risks)}:{i}:{nameof(RegisterRisk.Mitigation)}", register.Risks[i].Mitigation);
        }

        if (string.IsNullOrWhiteSpace(register.Version))
        {
            missing.Add($"{RegisterOptions.Section}:{nameof(register.Version)}");
        }

        if (register.Date is null)
        {
            missing.Add($"{RegisterOptions.Section}:{nameof(register.Date)}");
        }

        return missing;
    }
}

/// <summary>Fails start-up on a missing governance field only where the city asked for that (Register:RequireComplete).</summary>
public sealed class RegisterOptionsValidation(IOptions<GenerationOptions> generation) : IValidateOptions<RegisterOptions>
{
    public ValidateOptionsResult Validate(string? name, RegisterOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var missing = RegisterCompleteness.MissingFields(options, generation.Value.Enabled);
        return options.RequireComplete && missing.Count > 0
            ? ValidateOptionsResult.Fail($"Missing governance fields: {string.Join(", ", missing)}")
            : ValidateOptionsResult.Success;
    }
}

/// <summary>Names every missing governance field in the start-up log, so an operator sees what the register shows as "not provided".</summary>
public sealed partial class RegisterStartupCheck(
    IOptions<RegisterOptions> register, IOptions<GenerationOptions> generation, ILogger<RegisterStartupCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        // One line for all of them: a city that has not filled the register yet should not get a screenful at every start.
        var missing = RegisterCompleteness.MissingFields(register.Value, generation.Value.Enabled);
        if (missing.Count > 0)
        {
            LogMissingFields(missing.Count, missing);
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Transparency register: {MissingCount} governance fields are not provided, shown as missing in the register and the records: {Fields}")]
    private partial void LogMissingFields(int missingCount, IReadOnlyList<string> fields);
}
