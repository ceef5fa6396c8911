using CitizenBot.Transparency;
using Microsoft.Extensions.Options;

namespace CitizenBot.Privacy;

/// <summary>The citizen texts about personal data, looked up through <see cref="CitizenTexts"/> like every other text.</summary>
public static class PrivacyTextKeys
{
    public const string PersonalDataNotice = nameof(PersonalDataNotice);
    public const string DeleteHistory = nameof(DeleteHistory);
    public const string HistoryDeleted = nameof(HistoryDeleted);

    public static IReadOnlyList<string> All { get; } = [PersonalDataNotice, DeleteHistory, HistoryDeleted];
}

/// <summary>Fails start-up when a language lacks a privacy text.</summary>
public sealed class PrivacyTextsValidation : IValidateOptions<TextsOptions>
{
    public ValidateOptionsResult Validate(string? name, TextsOptions options)
    {
        var missing = options.MissingTexts(PrivacyTextKeys.All);
        return missing.Count == 0
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail($"Missing privacy texts: {string.Join(", ", missing)}");
    }
}
