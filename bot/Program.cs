using CitizenBot.Channels.BotFramework;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Channels.Matrix;
using CitizenBot.Channels.Telegram;
using CitizenBot.Channels.WebChat;
using CitizenBot.Cli;
using CitizenBot.Handoff;
using CitizenBot.Hosting;
using CitizenBot.Insights;
using CitizenBot.Knowledge;
using CitizenBot.Privacy;
using CitizenBot.Staff;
using CitizenBot.Telemetry;
using CitizenBot.Transparency;
using CitizenBot.Transparency.Records;

if (CitizenBotCli.Handles(args)) return await CitizenBotCli.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

builder.AddCitizenBotLogging();
builder.AddCitizenBotEdge();
builder.AddCitizenBotHealth();
builder.AddStorage();
builder.AddTransparency();
builder.AddKnowledge();
builder.AddAnswering();
builder.AddPrivacy();
builder.AddConversation();
builder.AddStaff();
builder.AddHandoff();
builder.AddInsights();
builder.AddChannels();
builder.AddBotFramework();
builder.AddMessengers();
builder.AddTelegram();
builder.AddMatrix();
builder.AddCitizenBotTelemetry();

var app = builder.Build();

app.UseCitizenBotEdge();
app.MapDirectLine();
app.MapWebChat();
app.MapBotFramework();
app.MapTelegram();
app.MapMatrix();
app.MapTransparency();
app.MapAgentDesk();
app.MapContactCentre();
app.MapStaff().MapKnowledgeAdmin().MapGovernanceRecords().MapConversationAdmin().MapInsights();
app.MapCitizenBotHealth();
app.MapCitizenBotMetrics();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the functional tests.</summary>
public partial class Program;
