using System.Globalization;
using System.Text;
using Microsoft.Extensions.Options;

namespace CitizenBot.SharedKernel;

/// <summary>Citizen-facing texts per language, from the "Texts" configuration section; German is the fallback.</summary>
public sealed class TextsOptions
{
    public const string Section = "Texts";
    public const string DefaultLanguage = "de";

    /// <summary>Language code (de, en, tr …) → text key → text with {Placeholders}. A city adds a language by adding its texts here.</summary>
    public Dictionary<string, Dictionary<string, string>> Languages { get; set; } = [];

    /// <summary>The languages citizens are served in: every configured one, German and English always.</summary>
    public IEnumerable<string> Served => CitizenTexts.RequiredLanguages.Union(Languages.Keys, StringComparer.Ordinal);

    /// <summary>"Texts:Languages:tr:Key" for each of <paramref name="keys"/> that a served language leaves empty.</summary>
    public List<string> MissingTexts(IEnumerable<string> keys) =>
        [.. Served.SelectMany(language => keys
            .Where(key => string.IsNullOrWhiteSpace(Languages.GetValueOrDefault(language)?.GetValueOrDefault(key)))
            .Select(key => $"Texts:Languages:{language}:{key}"))];
}

/// <summary>The keys every language must define.</summary>
public static class TextKeys
{
    /// <summary>The disclosure before the first answer; it must place each of <see cref="GreetingStatements"/> as {Key}.</summary>
    public const string Greeting = nameof(Greeting);

    /// <summary>The greeting's duty: it is an automated AI system, not a person.</summary>
    public const string GreetingAiSystem = nameof(GreetingAiSystem);

    /// <summary>The greeting's duty: it can make mistakes.</summary>
    public const string GreetingMistakes = nameof(GreetingMistakes);

    /// <summary>The greeting's duty: do not enter sensitive personal data.</summary>
    public const string GreetingSensitiveData = nameof(GreetingSensitiveData);

    /// <summary>The greeting's duty: how to reach a person instead.</summary>
    public const string GreetingReachPerson = nameof(GreetingReachPerson);

    /// <summary>What the greeting must say, each a text of its own: a city may reword one, not drop it.</summary>
    public static IReadOnlyList<string> GreetingStatements { get; } = [GreetingAiSystem, GreetingMistakes, GreetingSensitiveData, GreetingReachPerson];

    public const string HumanContact = nameof(HumanContact);
    public const string TurnFailed = nameof(TurnFailed);
    public const string AnswerFromService = nameof(AnswerFromService);

    /// <summary>Frames an editor's version of a service (Leichte Sprache, English …) and names the German source.</summary>
    public const string AnswerFromVersion = nameof(AnswerFromVersion);

    /// <summary>Introduces the German passage quoted under a version's opening: the fees, papers or office the citizen asked about.</summary>
    public const string FromGermanSource = nameof(FromGermanSource);
    public const string AskBack = nameof(AskBack);
    public const string NoReliableAnswer = nameof(NoReliableAnswer);
    public const string HumanOffer = nameof(HumanOffer);
    public const string Refusal = nameof(Refusal);
    public const string EmptyQuestion = nameof(EmptyQuestion);
    public const string AiLabel = nameof(AiLabel);
    public const string AiLabelDescription = nameof(AiLabelDescription);
    public const string ChatTitle = nameof(ChatTitle);
    public const string ChatSubtitle = nameof(ChatSubtitle);
    public const string LanguageSwitch = nameof(LanguageSwitch);
    public const string AiDisclosure = nameof(AiDisclosure);
    public const string RunnersUp = nameof(RunnersUp);
    public const string NotRightButton = nameof(NotRightButton);
    public const string SomethingElseButton = nameof(SomethingElseButton);
    public const string SomethingElse = nameof(SomethingElse);
    public const string OutOfScopeElsewhere = nameof(OutOfScopeElsewhere);
    public const string SmallTalkGreeting = nameof(SmallTalkGreeting);
    public const string SmallTalkThanks = nameof(SmallTalkThanks);
    public const string SmallTalkGoodbye = nameof(SmallTalkGoodbye);
    public const string AppointmentLink = nameof(AppointmentLink);

    public static IReadOnlyList<string> All { get; } =
    [
        Greeting, GreetingAiSystem, GreetingMistakes, GreetingSensitiveData, GreetingReachPerson, HumanContact, TurnFailed, AnswerFromService, AnswerFromVersion, FromGermanSource, AskBack,
        NoReliableAnswer, HumanOffer, Refusal, EmptyQuestion, AiLabel, AiLabelDescription, ChatTitle, ChatSubtitle, LanguageSwitch, AiDisclosure, RunnersUp,
        NotRightButton, SomethingElseButton, SomethingElse, OutOfScopeElsewhere, SmallTalkGreeting, SmallTalkThanks, SmallTalkGoodbye, AppointmentLink,
    ];
}

/// <summary>Looks up a citizen text in the conversation's language and fills in the city's contacts.</summary>
public sealed class CitizenTexts(IOptions<TextsOptions> texts, IOptions<CityOptions> city)
{
    /// <summary>Where the transparency notice and AI register entry are published; texts link to it as {TransparencyUrl}.</summary>
    public const string TransparencyPath = "/transparency";

    /// <summary>The languages the register, the records and the understanding's word classes are always written in.</summary>
    public static IReadOnlyList<string> RequiredLanguages { get; } = [TextsOptions.DefaultLanguage, "en"];

    /// <summary>The languages a citizen can be served in, as configured.</summary>
    public IReadOnlyList<string> Languages { get; } = [.. texts.Value.Served];

    /// <summary>Languages written right to left; the widget turns its page around for them.</summary>
    public static bool IsRightToLeft(string language) => CultureInfo.GetCultureInfo(language).TextInfo.IsRightToLeft;

    /// <summary>"tr-TR" → "tr"; a language without configured texts → German.</summary>
    public string LanguageOf(string? locale)
    {
        var language = locale?.Split('-', '_')[0].ToLowerInvariant();
        return language is not null && Languages.Contains(language) ? language : TextsOptions.DefaultLanguage;
    }

    public string Get(string key, string? locale)
    {
        var template = Template(key, LanguageOf(locale));
        // The greeting places its statements, each kept as a text of its own, before the city's contacts are filled in.
        foreach (var statement in TextKeys.GreetingStatements)
        {
            var placeholder = "{" + statement + "}";
            if (template.Contains(placeholder, StringComparison.Ordinal))
            {
                template = template.Replace(placeholder, Template(statement, LanguageOf(locale)), StringComparison.Ordinal);
            }
        }

        return Fill(template);
    }

    private string Template(string key, string language)
    {
        var languages = texts.Value.Languages;
        return languages.GetValueOrDefault(language)?.GetValueOrDefault(key) ?? languages[TextsOptions.DefaultLanguage][key];
    }

    private string Fill(string template)
    {
        var cityOptions = city.Value;
        var offices = new StringBuilder();
        foreach (var office in cityOptions.Offices)
        {
            offices.Append(CultureInfo.InvariantCulture, $"\n- {office.Name}, {office.Address}");
            if (office.Phone is not null)
            {
                offices.Append(CultureInfo.InvariantCulture, $", {office.Phone}");
            }

            if (office.OpeningHours is not null)
            {
                offices.Append(CultureInfo.InvariantCulture, $" ({office.OpeningHours})");
            }
        }

        return template
            .Replace("{CityName}", cityOptions.Name, StringComparison.Ordinal)
            .Replace("{ResponsibleOffice}", cityOptions.ResponsibleOffice, StringComparison.Ordinal)
            .Replace("{Phone}", cityOptions.Phone, StringComparison.Ordinal)
            .Replace("{PhoneHours}", cityOptions.PhoneHours, StringComparison.Ordinal)
            .Replace("{Email}", cityOptions.Email, StringComparison.Ordinal)
            .Replace("{ContactPageUrl}", cityOptions.ContactPageUrl, StringComparison.Ordinal)
            .Replace("{TransparencyUrl}", cityOptions.AssistantUrl.TrimEnd('/') + TransparencyPath, StringComparison.Ordinal)
            .Replace("{Offices}", offices.ToString(), StringComparison.Ordinal);
    }
}

/// <summary>
/// Fails start-up when a language lacks a text, rather than showing a citizen a blank, and when any configured language's
/// greeting no longer places one of its four statements (AI system, mistakes, no sensitive data, how to reach a person).
/// </summary>
public sealed class TextsOptionsValidation : IValidateOptions<TextsOptions>
{
    public ValidateOptionsResult Validate(string? name, TextsOptions options)
    {
        var failures = new List<string>();
        var missing = options.MissingTexts(TextKeys.All.Except(TextKeys.GreetingStatements));
        if (missing.Count > 0)
        {
            failures.Add($"Missing citizen texts: {string.Join(", ", missing)}");
        }

        foreach (var (language, texts) in options.Languages)
        {
            var greeting = texts.GetValueOrDefault(TextKeys.Greeting);
            if (greeting is null)
            {
                continue;
            }

            failures.AddRange(TextKeys.GreetingStatements
                .Where(statement => !greeting.Contains("{" + statement + "}", StringComparison.Ordinal))
                .Select(statement => $"Texts:Languages:{language}:Greeting must contain {{{statement}}}: the greeting has to say {Duty(statement)}. "
                    + $"Reword Texts:Languages:{language}:{statement} instead of dropping it."));
            failures.AddRange(TextKeys.GreetingStatements
                .Where(statement => string.IsNullOrWhiteSpace(texts.GetValueOrDefault(statement)))
                .Select(statement => $"Texts:Languages:{language}:{statement} must not be empty: the greeting has to say {Duty(statement)}."));
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static string Duty(string statement) => statement switch
    {
        TextKeys.GreetingAiSystem => "that the assistant is an automated AI system, not a person",
        TextKeys.GreetingMistakes => "that the assistant can make mistakes",
        TextKeys.GreetingSensitiveData => "not to enter sensitive personal data",
        _ => "how to reach a person instead",
    };
}

/// <summary>Fails start-up when a served language lacks one of a feature's texts, naming each missing one.</summary>
public sealed class RequiredTexts(string feature, IReadOnlyList<string> keys) : IValidateOptions<TextsOptions>
{
    public ValidateOptionsResult Validate(string? name, TextsOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var missing = options.MissingTexts(keys);
        return missing.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail($"Missing {feature} texts: {string.Join(", ", missing)}");
    }
}

/// <summary>Each feature names the texts it shows citizens; start-up checks them in every served language.</summary>
public static class RequiredTextsRegistration
{
    public static IServiceCollection AddRequiredTexts(this IServiceCollection services, string feature, IReadOnlyList<string> keys) =>
        services.AddSingleton<IValidateOptions<TextsOptions>>(new RequiredTexts(feature, keys));
}
