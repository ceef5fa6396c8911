using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace CitizenBot.FunctionalTests.Infrastructure;

/// <summary>
/// The real bot in-process, on its own SQLite data folder, with the staff accounts of <see cref="StaffAccounts"/>.
/// Pass the same folder to a second factory to simulate a restart; pass settings to override configuration as an operator would.
/// </summary>
public sealed class CitizenBotFactory(string? dataFolder = null, IReadOnlyDictionary<string, string?>? settings = null, bool rateLimitsAsShipped = false)
    : WebApplicationFactory<Program>
{
    public const string Secret = "functional-test-secret-0123456789abcdef";
    public const string RevokedSecret = "functional-test-revoked-0123456789abcdef";

    public string DataFolder { get; } = dataFolder ?? NewDataFolder();

    public static string NewDataFolder() => Path.Combine(Path.GetTempPath(), "citizenbot-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Storage:DataFolder", DataFolder);
        builder.UseSetting("DirectLine:Secrets:0:Name", "test");
        builder.UseSetting("DirectLine:Secrets:0:Value", Secret);
        builder.UseSetting("DirectLine:Secrets:1:Name", "revoked");
        builder.UseSetting("DirectLine:Secrets:1:Value", RevokedSecret);
        builder.UseSetting("DirectLine:Secrets:1:Revoked", "true");
        if (!rateLimitsAsShipped)
        {
            // Every test talks from the one in-process address and opens many conversations; the rate limit tests keep the shipped limits.
            builder.UseSetting("RateLimits:ConversationStartsPerMinutePerClient", "100000");
            builder.UseSetting("RateLimits:MessagesPerMinutePerClient", "100000");
        }

        foreach (var (key, value) in StaffAccounts.Settings.Concat(settings ?? new Dictionary<string, string?>()))
        {
            builder.UseSetting(key, value);
        }
    }
}
