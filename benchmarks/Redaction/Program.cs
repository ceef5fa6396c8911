using System.Diagnostics;
using System.Globalization;
using System.Text;
using CitizenBot.Evaluation;
using CitizenBot.Knowledge.Search;
using CitizenBot.Privacy;
using Microsoft.Extensions.Configuration;

// Measures redaction throughput on realistic chat messages, with and without personal data. Prints figures; asserts nothing.
var repository = Root();
var settings = OfflineAnswering.BotSettings();
var loading = Stopwatch.StartNew();
var words = OrdinaryWords.Read(
    settings.GetSection(KnowledgeSearchOptions.Section).Get<KnowledgeSearchOptions>() ?? new(),
    settings.GetSection(PrivacyOptions.Section).Get<PrivacyOptions>() ?? new(),
    OfflineAnswering.LoadFolder(Path.Combine(repository, "knowledge")));
var redactor = PersonalDataRedactor.Create(words, TimeProvider.System);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"vocabulary (thesaurus, word lists, knowledge folder) read in {loading.Elapsed.TotalMilliseconds:0} ms, once per process"));

string[] clean =
[
    "Was kostet ein Reisepass für Erwachsene?",
    "Ich bin umgezogen und muss meinen Wohnsitz ummelden. Brauche ich einen Termin?",
    "Mein Anwohnerparkausweis läuft bald ab, wie verlängere ich ihn online?",
    "Wo kann ich meinen Hund anmelden und wie hoch ist die Hundesteuer im Jahr?",
    "I moved to Munich last month. How do I register my address and do I need an appointment?",
    "Guten Tag, ich habe meinen Führerschein verloren. Was muss ich jetzt tun und was kostet ein Ersatz?",
];
string[] personal =
[
    "Hallo, hier ist Sabine Krüger, Tel. 0176 23456789. Mein Personalausweis T22000129 ist weg, was tun?",
    "Mein Name ist Tobias Schmid, geb. 14.03.1988, wohnhaft Lindwurmstraße 88, 80337 München. Wie melde ich mich um?",
    "Bitte überweisen Sie an DE02 1203 0000 0000 2020 51, meine Steuer-ID ist 86 095 742 719.",
    "My name is Priya Sharma, e-mail priya.sharma@example.org, phone +44 20 7946 0958. I need a residence permit.",
];

Measure("without personal data", clean, redactor);
Measure("with personal data", personal, redactor);
Measure("mixed 4:1", [.. clean, .. clean, .. clean, .. clean.Take(4), .. personal.Take(2), .. personal.Take(2)], redactor);

static void Measure(string label, string[] texts, IPersonalDataRedactor redactor)
{
    foreach (var text in texts)
    {
        redactor.Redact(text);
    }

    var bytes = texts.Sum(text => Encoding.UTF8.GetByteCount(text));
    var rounds = 0;
    var watch = Stopwatch.StartNew();
    while (watch.Elapsed < TimeSpan.FromSeconds(3))
    {
        foreach (var text in texts)
        {
            redactor.Redact(text);
        }

        rounds++;
    }

    watch.Stop();
    var count = (double)rounds * texts.Length;
    var seconds = watch.Elapsed.TotalSeconds;
    Console.WriteLine(string.Create(
        CultureInfo.InvariantCulture,
        $"{label,-24} {count / seconds,10:0} texts/s  {rounds * (double)bytes / seconds / 1024 / 1024,6:0.00} MB/s  {seconds * 1_000_000 / count,8:0.0} µs/text  (avg {bytes / texts.Length} bytes)"));
}

static string Root()
{
    for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
    {
        if (File.Exists(Path.Combine(folder.FullName, "CitizenBot.sln")))
        {
            return folder.FullName;
        }
    }

    throw new DirectoryNotFoundException($"No CitizenBot.sln above {AppContext.BaseDirectory}");
}
