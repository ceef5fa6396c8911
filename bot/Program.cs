using CitizenBot.Channels.BotFramework;
using CitizenBot.Channels.DirectLine;
using CitizenBot.Channels.WebChat;
using CitizenBot.Hosting;
using CitizenBot.Transparency;

var builder = WebApplication.CreateBuilder(args);

builder.AddCitizenBotLogging();
builder.AddCitizenBotEdge();
builder.AddCitizenBotHealth();
builder.AddStorage();
builder.AddTransparency();
builder.AddAnswering();
builder.AddConversation();
builder.AddChannels();
builder.AddBotFramework();

var app = builder.Build();

app.UseCitizenBotEdge();
app.MapDirectLine();
app.MapWebChat();
app.MapBotFramework();
app.MapTransparency();
app.MapCitizenBotHealth();

app.Run();

/// <summary>The entry point, visible to WebApplicationFactory in the functional tests.</summary>
public partial class Program;
