using System.Diagnostics;
using System.Globalization;
using CitizenBot.Answering;
using CitizenBot.Evaluation;
using CitizenBot.Knowledge;
using CitizenBot.Knowledge.Search;
using CitizenBot.RetrievalBenchmark;
using Microsoft.Extensions.Configuration;

// Measures the search and the answerer in-process: on the real knowledge folder and on a synthetic corpus of 10,000 services
// recombined from it. Prints figures; asserts nothing.
var repository = Repository.Root();
var real = OfflineAnswering.LoadFolder(Path.Combine(repository, "knowledge"));
var questions = Repository.Questions(repository, real);
var settings = OfflineAnswering.BotSettings();
var loading = Stopwatch.StartNew();
var words = OfflineAnswering.Words(settings);
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"word lists and thesaurus read in {loading.Elapsed.TotalMilliseconds:0} ms (once per process, not per index)"));
Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{questions.Count} questions (development set and service titles), 5 passes after a warm-up pass"));
Console.WriteLine("corpus            services  build ms  rebuild ms  managed MB  search p50 ms  search p99 ms  answer p50 ms  answer p99 ms");
Measure("knowledge folder", real, questions, words, settings);
Measure("synthetic", SyntheticCorpus.Recombine(real, 10_000, seed: 4), questions, words, settings);

static void Measure(string label, IReadOnlyList<KnowledgeDocument> documents, IReadOnlyList<string> questions, CitizenWords words, IConfiguration settings)
{
    var before = GC.GetTotalMemory(forceFullCollection: true);
    var build = Stopwatch.StartNew();
    var search = OfflineAnswering.Search(documents, words);
    build.Stop();
    var managed = (GC.GetTotalMemory(forceFullCollection: true) - before) / 1024.0 / 1024.0;

    // An editor's change rebuilds the index in a warm process; the first build above also pays for JIT compilation.
    var rebuild = Stopwatch.StartNew();
    GC.KeepAlive(OfflineAnswering.Search(documents, words));
    rebuild.Stop();
    var answerer = OfflineAnswering.Answerer(search, settings);

    var searchTimes = Time(questions, question => search.Search(question, "de", 5));
    var answerTimes = Time(questions, question => answerer.Answer(new Question(question, "de")));
    Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
        $"{label,-17} {documents.Count,8}  {build.Elapsed.TotalMilliseconds,8:0}  {rebuild.Elapsed.TotalMilliseconds,10:0}  {managed,10:0.0}  {Percentile(searchTimes, 0.5),13:0.00}  {Percentile(searchTimes, 0.99),13:0.00}  {Percentile(answerTimes, 0.5),13:0.00}  {Percentile(answerTimes, 0.99),13:0.00}"));
    GC.KeepAlive(search);
}

static List<double> Time(IReadOnlyList<string> questions, Action<string> run)
{
    foreach (var question in questions)
    {
        run(question);
    }

    var times = new List<double>(questions.Count * 5);
    for (var pass = 0; pass < 5; pass++)
    {
        foreach (var question in questions)
        {
            var stopwatch = Stopwatch.StartNew();
            run(question);
            times.Add(stopwatch.Elapsed.TotalMilliseconds);
        }
    }

    return times;
}

static double Percentile(List<double> times, double share)
{
    var sorted = times.Order().ToList();
    return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(share * sorted.Count) - 1)];
}
