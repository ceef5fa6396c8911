using System.Text.RegularExpressions;

namespace CitizenBot.Privacy;

/// <summary>An e-mail address: local part, @, a domain with at least one dot.</summary>
public sealed partial class EmailRecognizer : IPersonalDataRecognizer
{
    public IEnumerable<PersonalDataMatch> Find(string text) =>
        Address().Matches(text).Select(match => new PersonalDataMatch(match.Index, match.Length, Placeholders.Email));

    [GeneratedRegex(@"[\p{L}\p{N}._%+\-]+@[\p{L}\p{N}\-]+(\.[\p{L}\p{N}\-]+)*\.\p{L}{2,}", RegexOptions.CultureInvariant)]
    private static partial Regex Address();
}
