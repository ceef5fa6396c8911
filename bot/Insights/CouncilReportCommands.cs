using System.CommandLine;
using CitizenBot.Answering;
using CitizenBot.Cli;
using CitizenBot.Fairness;
using CitizenBot.Knowledge;
using CitizenBot.Privacy;
using CitizenBot.Storage;
using CitizenBot.Transparency;
using CitizenBot.Transparency.Register;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace CitizenBot.Insights;

/// <summary>The `council-report` verb: writes the yearly or quarterly council report as HTML and CSV from the bot's data folder, without starting the bot.</summary>
public static class CouncilReportCommands
{
    public static RootCommand AddCouncilReportCommands(this RootCommand root)
    {
        ArgumentNullException.ThrowIfNull(root);
        var year = new Option<string>("--year") { Description = "the year to report, for example 2026", Required = true };
        var quarter = new Option<string?>("--quarter") { Description = "the quarter 1 to 4; leave out for the whole year" };
        var output = new Option<string>("--out") { Description = "the folder to write the report to", Required = true };
        var data = new Option<string?>("--data") { Description = "the bot's data folder; by default the one its configuration names" };
        var command = new Command("council-report", "Writes the council's yearly or quarterly report (use, quality, fairness, handoffs, feedback, knowledge, open findings) as HTML and CSV.")
        {
            year, quarter, output, data,
        };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var choice = ReportPeriod.ParseYear(parse.GetValue(year), parse.GetValue(quarter));
            if (choice.Period is not { } period)
            {
                await Console.Error.WriteLineAsync(choice.ProblemDetail);
                return 2;
            }

            await using var bot = BuildBot(parse.GetValue(data));
            foreach (var startsFirst in new IHostedService[] { bot.Services.GetRequiredService<DatabaseMigrations>(), bot.Services.GetRequiredService<KnowledgeFolder>() })
            {
                await startsFirst.StartAsync(cancellationToken);
            }

            await bot.Services.GetRequiredService<LiveEvaluation>().EvaluateNowAsync(cancellationToken);
            var report = await bot.Services.GetRequiredService<CouncilReports>().BuildAsync(
                InsightsEndpoints.ReportTitle(period, parse.GetValue(quarter) ?? ""), period, cancellationToken);
            var html = await RenderAsync(bot.Services, report);

            var target = Directory.CreateDirectory(Path.GetFullPath(parse.GetValue(output)!, Environment.CurrentDirectory));
            var name = $"citizenbot-report-{period.FromText}-{period.ToText}";
            await File.WriteAllTextAsync(Path.Combine(target.FullName, name + ".html"), html, cancellationToken);
            await File.WriteAllTextAsync(Path.Combine(target.FullName, name + ".csv"), CouncilReportCsv.Write(report), cancellationToken);
            Console.WriteLine($"Wrote {name}.html and {name}.csv to {target.FullName}.");
            return 0;
        });
        root.Add(command);
        return root;
    }

    /// <summary>The bot's own storage, knowledge, answering and figures, configured as when it runs, but not started.</summary>
    private static WebApplication BuildBot(string? dataFolder)
    {
        var botFolder = Path.Combine(CitizenBotCli.RepositoryRoot().FullName, "bot");
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ContentRootPath = Directory.Exists(botFolder) ? botFolder : Environment.CurrentDirectory,
            ApplicationName = typeof(CouncilReportCommands).Assembly.GetName().Name,
        });
        if (dataFolder is not null)
        {
            builder.Configuration[$"{StorageOptions.Section}:{nameof(StorageOptions.DataFolder)}"] = Path.GetFullPath(dataFolder, Environment.CurrentDirectory);
        }

        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddSingleton<DatabaseMigrations>();
        builder.AddStorage();
        builder.AddTransparency();
        builder.AddKnowledge();
        builder.AddAnswering();
        builder.AddPrivacy();
        builder.AddInsights();
        builder.AddFairness();
        return builder.Build();
    }

    private static async Task<string> RenderAsync(IServiceProvider services, CouncilReport report)
    {
        await using var renderer = new HtmlRenderer(services, services.GetRequiredService<ILoggerFactory>());
        return await renderer.Dispatcher.InvokeAsync(async () =>
        {
            var page = await renderer.RenderComponentAsync<CouncilReportPage>(ParameterView.FromDictionary(new Dictionary<string, object?> { ["Report"] = report }));
            return page.ToHtmlString();
        });
    }
}
