using CitizenBot.SharedKernel;

namespace CitizenBot.Privacy;

/// <summary>The citizen texts about personal data, looked up through <see cref="CitizenTexts"/> like every other text.</summary>
public static class PrivacyTextKeys
{
    public const string PersonalDataNotice = nameof(PersonalDataNotice);
    public const string DeleteHistory = nameof(DeleteHistory);
    public const string HistoryDeleted = nameof(HistoryDeleted);

    public static IReadOnlyList<string> All { get; } = [PersonalDataNotice, DeleteHistory, HistoryDeleted];
}
