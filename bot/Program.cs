using CitizenBot.Cli;
using CitizenBot.Hosting;

if (CitizenBotCli.Handles(args)) return await CitizenBotCli.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);
builder.AddCitizenBot();

var app = builder.Build();
app.MapCitizenBot();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the functional tests.</summary>
public partial class Program;
