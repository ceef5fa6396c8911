using CitizenBot.Channels.BotFramework;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Channels.Matrix;
using CitizenBot.Channels.Telegram;
using CitizenBot.Channels.WebChat;
using CitizenBot.Cli;
using CitizenBot.Handoff;
using CitizenBot.Hosting;
using CitizenBot.Knowledge;
using CitizenBot.Transparency;

if (CitizenBotCli.Handles(args)) return await CitizenBotCli.RunAsync(args);

var builder = WebApplication.CreateBuilder(args);

builder.AddCitizenBotLogging();
builder.AddCitizenBotEdge();
builder.AddCitizenBotHealth();
builder.AddStorage();
builder.AddTransparency();
builder.AddKnowledge();
builder.AddAnswering();
builder.AddConversation();
builder.AddHandoff();
builder.AddChannels();
builder.AddBotFramework();
builder.AddMessengers();
builder.AddTelegram();
builder.AddMatrix();

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
app.MapAdmin().MapKnowledgeAdmin();
app.MapCitizenBotHealth();

await app.RunAsync();
return 0;

/// <summary>The entry point, visible to WebApplicationFactory in the functional tests.</summary>
public partial class Program;
