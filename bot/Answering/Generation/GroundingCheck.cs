using System.Text.RegularExpressions;

namespace CitizenBot.Answering.Generation;

/// <summary>Why a generated answer may not be sent; None when it may.</summary>
public enum GroundingProblem
{
    None,
    NoCitation,
    ForeignCitation,
    UnsupportedNumber,
    UnsupportedAddress,
    UnsupportedFeeClaim,
    PosesAsHuman,
    RevealsRules,
    RepeatsCitizenText,
}

/// <summary>The outcome of the check and, when it passed, the source numbers the answer cites.</summary>
public sealed record GroundingVerdict(GroundingProblem Problem, IReadOnlyList<int> CitedNumbers)
{
    public bool Passed => Problem == GroundingProblem.None;
}

/// <summary>
/// The check after generation: the answer cites only the sources it was given, and every number, amount, date, phone number,
/// web or mail address and every "free of charge" in it is written in a source it cites. It also refuses answers that pose
/// as a person, repeat the rules or echo what the citizen dictated. When in doubt it fails: the extractive answer is always there.
/// </summary>
public static partial class GroundingCheck
{
    private const int EchoWords = 5;

    public static GroundingVerdict Check(string answer, IReadOnlyList<GroundingSource> sources, string citizenText)
    {
        var cited = new SortedSet<int>();
        foreach (Match marker in CitationMarker().Matches(answer))
        {
            foreach (var number in marker.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                cited.Add(int.Parse(number, System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        if (cited.Count == 0)
        {
            return Fail(GroundingProblem.NoCitation);
        }

        var given = sources.ToDictionary(source => source.Number);
        if (cited.Any(number => !given.ContainsKey(number)))
        {
            return Fail(GroundingProblem.ForeignCitation);
        }

        var sourceText = string.Join("\n", cited.Select(number => given[number]).SelectMany(source => new[] { source.Title, source.Heading, source.Url.AbsoluteUri, source.Text }));
        var claims = ListNumbering().Replace(CitationMarker().Replace(answer, " "), "");
        var problem = Addresses(claims, sourceText)
            ?? Numbers(claims, sourceText)
            ?? FeeClaims(claims, sourceText)
            ?? Role(claims)
            ?? Echo(claims, citizenText, sourceText);
        return problem is { } found ? Fail(found) : new GroundingVerdict(GroundingProblem.None, [.. cited]);
    }

    private static GroundingVerdict Fail(GroundingProblem problem) => new(problem, []);

    private static GroundingProblem? Addresses(string claims, string sourceText)
    {
        foreach (Match address in Address().Matches(claims))
        {
            var value = address.Value.TrimEnd('.', ',', ';', ':', '!', '?', ')').TrimEnd('/');
            if (!sourceText.Contains(value, StringComparison.OrdinalIgnoreCase))
            {
                return GroundingProblem.UnsupportedAddress;
            }
        }

        return null;
    }

    private static GroundingProblem? Numbers(string claims, string sourceText)
    {
        var known = NumberToken().Matches(sourceText).Select(match => Canonical(match.Value)).ToHashSet();
        var phoneDigits = PhoneLike().Matches(sourceText).Select(match => Digits(match.Value)).ToList();
        foreach (Match number in NumberToken().Matches(claims))
        {
            if (known.Contains(Canonical(number.Value)))
            {
                continue;
            }

            // A phone number may be grouped differently from the source ("089 233-96000" and "08923396000").
            var phone = PhoneLike().Matches(claims).FirstOrDefault(match => match.Index <= number.Index && number.Index < match.Index + match.Length);
            if (phone is null || Digits(phone.Value).Length < 6 || !phoneDigits.Any(digits => digits.Contains(Digits(phone.Value), StringComparison.Ordinal)))
            {
                return GroundingProblem.UnsupportedNumber;
            }
        }

        return null;
    }

    private static GroundingProblem? FeeClaims(string claims, string sourceText) =>
        NoCost().IsMatch(claims) && !NoCostInSource().IsMatch(sourceText) ? GroundingProblem.UnsupportedFeeClaim : null;

    private static GroundingProblem? Role(string claims) =>
        PosingAsHuman().IsMatch(claims) ? GroundingProblem.PosesAsHuman
        : GroundedPrompt.Rules.Any(rule => claims.Contains(rule[..Math.Min(rule.Length, 40)], StringComparison.OrdinalIgnoreCase)) ? GroundingProblem.RevealsRules
        : null;

    /// <summary>Five words in a row taken from the citizen and not from a source: the model is saying what it was told to say.</summary>
    private static GroundingProblem? Echo(string claims, string citizenText, string sourceText)
    {
        var citizen = Shingles(citizenText);
        if (citizen.Count == 0)
        {
            return null;
        }

        var fromSources = Shingles(sourceText);
        return Shingles(claims).Any(shingle => citizen.Contains(shingle) && !fromSources.Contains(shingle)) ? GroundingProblem.RepeatsCitizenText : null;
    }

    private static HashSet<string> Shingles(string text)
    {
        var words = Word().Matches(text).Select(match => match.Value.ToLowerInvariant()).ToList();
        var shingles = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i + EchoWords <= words.Count; i++)
        {
            shingles.Add(string.Join(' ', words.Skip(i).Take(EchoWords)));
        }

        return shingles;
    }

    /// <summary>"37,00" and "37" and "37.00" are one amount, "8:00" and "8.00" one time; leading zeros do not count.</summary>
    private static string Canonical(string number)
    {
        var groups = NumberSeparator().Split(number).Select(group => group.TrimStart('0') is { Length: > 0 } trimmed ? trimmed : "0").ToList();
        while (groups.Count > 1 && groups[^1] == "0")
        {
            groups.RemoveAt(groups.Count - 1);
        }

        return string.Join('.', groups);
    }

    private static string Digits(string text) => new([.. text.Where(char.IsAsciiDigit)]);

    [GeneratedRegex(@"\[(\d{1,3}(?:\s*,\s*\d{1,3})*)\]")]
    private static partial Regex CitationMarker();

    [GeneratedRegex(@"^\s*\d{1,2}[.)]\s", RegexOptions.Multiline)]
    private static partial Regex ListNumbering();

    [GeneratedRegex(@"\d+(?:[.,:]\d+)*")]
    private static partial Regex NumberToken();

    [GeneratedRegex(@"[.,:]")]
    private static partial Regex NumberSeparator();

    [GeneratedRegex(@"\+?\(?\d[\d \-/()]{4,}\d")]
    private static partial Regex PhoneLike();

    [GeneratedRegex(@"(?:https?://|www\.)[^\s<>()\[\]""]+|[\w.+-]+@[\w-]+(?:\.[\w-]+)+", RegexOptions.IgnoreCase)]
    private static partial Regex Address();

    [GeneratedRegex(@"\b(kostenlos|kostenfrei|gebührenfrei|gratis|umsonst|keine\s+(?:gebühr|kosten)\w*|free\s+of\s+charge|for\s+free|no\s+(?:fee|charge|cost)s?|costs?\s+nothing|is\s+free)\b", RegexOptions.IgnoreCase)]
    private static partial Regex NoCost();

    [GeneratedRegex(@"\b(kostenlos|kostenfrei|gebührenfrei|gratis|umsonst|entgeltfrei|keine\s+(?:gebühr|kosten)\w*|fallen\s+keine|gebühr\w*\s+entfällt)", RegexOptions.IgnoreCase)]
    private static partial Regex NoCostInSource();

    [GeneratedRegex(@"\b(ich\s+bin\s+(?:ein(?:e)?\s+)?(?:echte[rn]?\s+)?(?:mensch|mitarbeiter\w*|sachbearbeiter\w*)|hier\s+(?:ist|spricht)\s+(?:frau|herr)\b|kein(?:e)?\s+(?:ki|bot)\b|i\s*(?:am|'m)\s+(?:a\s+)?(?:real\s+)?(?:human|person|member\s+of\s+staff)|not\s+an?\s+(?:ai|bot)\b|this\s+is\s+(?:mrs?|ms)\.?\s)", RegexOptions.IgnoreCase)]
    private static partial Regex PosingAsHuman();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
