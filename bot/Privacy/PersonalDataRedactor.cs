using System.Text;

namespace CitizenBot.Privacy;

/// <summary>Runs every recognizer over the text and replaces what they found; where two findings overlap, the earlier and longer one wins.</summary>
public sealed class PersonalDataRedactor(IEnumerable<IPersonalDataRecognizer> recognizers) : IPersonalDataRedactor
{
    private readonly IPersonalDataRecognizer[] _recognizers = [.. recognizers];

    /// <summary>All recognizers with their default rules, for use outside the web host (benchmarks, offline checks).</summary>
    public static PersonalDataRedactor Create(OrdinaryWords ordinary, TimeProvider time) => new(
    [
        new EmailRecognizer(),
        new IbanRecognizer(),
        new TaxIdRecognizer(),
        new IdentityDocumentRecognizer(),
        new BirthDateRecognizer(time),
        new StreetAddressRecognizer(),
        new PhoneNumberRecognizer(),
        new NameRecognizer(ordinary),
    ]);

    public RedactedText Redact(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var found = _recognizers.SelectMany(recognizer => recognizer.Find(text)).Where(match => match.Length > 0).ToList();
        if (found.Count == 0)
        {
            // Most texts hold nothing personal; without a finding there is no recurring name either.
            return new RedactedText(text, []);
        }

        var matches = found
            .Concat(Recurrences(text, found))
            .OrderBy(match => match.Start)
            .ThenByDescending(match => match.Length)
            .ToList();
        var redacted = new StringBuilder(text.Length);
        var kinds = new List<string>();
        var position = 0;
        foreach (var match in matches.Where(match => match.Start >= 0 && match.End <= text.Length))
        {
            if (match.Start < position)
            {
                continue;
            }

            redacted.Append(text, position, match.Start - position).Append(match.Placeholder);
            position = match.End;
            if (!kinds.Contains(match.Placeholder))
            {
                kinds.Add(match.Placeholder);
            }
        }

        redacted.Append(text, position, text.Length - position);
        return new RedactedText(redacted.ToString(), kinds);
    }

    /// <summary>A name found once is personal wherever it recurs: "Emma Fischer … für Emma" hides both.</summary>
    private static IEnumerable<PersonalDataMatch> Recurrences(string text, List<PersonalDataMatch> found)
    {
        var nameWords = found
            .Where(match => match.Placeholder == Placeholders.Name)
            .SelectMany(match => text.Substring(match.Start, match.Length).Split(' '))
            .Where(word => word.Length >= 3 && char.IsUpper(word[0]))
            .Distinct(StringComparer.Ordinal);
        foreach (var word in nameWords)
        {
            for (var index = text.IndexOf(word, StringComparison.Ordinal); index >= 0; index = text.IndexOf(word, index + word.Length, StringComparison.Ordinal))
            {
                var end = index + word.Length;
                if ((index == 0 || !char.IsLetter(text[index - 1])) && (end == text.Length || !char.IsLetter(text[end])))
                {
                    yield return new PersonalDataMatch(index, word.Length, Placeholders.Name);
                }
            }
        }
    }
}
