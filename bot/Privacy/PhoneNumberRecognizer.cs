using PhoneNumbers;

namespace CitizenBot.Privacy;

/// <summary>A telephone number that libphonenumber finds valid: German numbers without a country code, others with +xx or 00xx.</summary>
public sealed class PhoneNumberRecognizer : IPersonalDataRecognizer
{
    private const string HomeRegion = "DE";
    private static readonly PhoneNumberUtil Numbers = PhoneNumberUtil.GetInstance();

    public IEnumerable<PersonalDataMatch> Find(string text) =>
        Numbers.FindNumbers(text, HomeRegion, PhoneNumberUtil.Leniency.VALID, long.MaxValue)
            .Select(match => new PersonalDataMatch(match.Start, match.Length, Placeholders.Phone));
}
