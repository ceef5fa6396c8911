using System.Net;
using System.Net.Http.Json;
using CitizenBot.FunctionalTests.DirectLine;
using CitizenBot.FunctionalTests.Handoff;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Serilog.Core;

namespace CitizenBot.FunctionalTests.Staff;

/// <summary>Guessing passwords: ten wrong in a row lock the account for a minute, each further failure doubles it; too many from one address lock the address.</summary>
[Collection(nameof(LogCapture))]
public sealed class SignInLockoutTests : IDisposable
{
    private const string WrongPassword = "Tr0ub4dor&3-not-it";
    private readonly CapturedLogs _logs = new();
    private readonly HandoffBot _bot;

    public SignInLockoutTests() => _bot = new HandoffBot(
        settings: new Dictionary<string, string?> { ["Serilog:MinimumLevel:Default"] = "Verbose", ["Serilog:MinimumLevel:Override:Microsoft.AspNetCore"] = "Verbose" },
        services: services =>
        {
            services.AddSingleton<IStartupFilter, BehindTheProxy>();
            services.AddSingleton<ILogEventSink>(_logs);
        });

    [Fact]
    public async Task The_eleventh_wrong_password_in_a_row_for_one_account_is_refused_for_a_while_even_when_it_is_right()
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            await (await SignInAsync("agent1", WrongPassword, "198.51.100.10")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "SignInFailed");
        }

        var locked = await SignInAsync("agent1", StaffAccounts.Password, "198.51.100.10");
        var elsewhere = await SignInAsync("agent1", StaffAccounts.Password, "192.0.2.44");
        var colleague = await SignInAsync("agent2", StaffAccounts.Password, "198.51.100.10");
        _bot.Time.Advance(TimeSpan.FromSeconds(61));
        var later = await SignInAsync("agent1", StaffAccounts.Password, "198.51.100.10");

        await locked.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "SignInLocked");
        locked.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(60));
        await elsewhere.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "SignInLocked");
        colleague.StatusCode.ShouldBe(HttpStatusCode.OK, "another account from the same address is not locked");
        later.StatusCode.ShouldBe(HttpStatusCode.OK, "the lock ends after a minute");
        _logs.Lines.ShouldContain(line => line.StartsWith("Refused a staff sign-in for \"agent1\" from \"198.51.100.10\": wrong name or password", StringComparison.Ordinal));
        _logs.Lines.ShouldContain(line => line.StartsWith("Staff sign-in for \"agent1\" from \"198.51.100.10\" locked for 60 seconds", StringComparison.Ordinal));
        _logs.Lines.ShouldNotContain(line => line.Contains(WrongPassword, StringComparison.Ordinal) || line.Contains(StaffAccounts.Password, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Every_failure_after_a_lockout_doubles_the_next_one_and_the_right_password_ends_the_run()
    {
        for (var attempt = 1; attempt <= 10; attempt++)
        {
            await SignInAsync("agent3", WrongPassword, "198.51.100.20");
        }

        _bot.Time.Advance(TimeSpan.FromSeconds(61));
        await (await SignInAsync("agent3", WrongPassword, "198.51.100.20")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "SignInFailed");
        var second = await SignInAsync("agent3", StaffAccounts.Password, "198.51.100.20");
        _bot.Time.Advance(TimeSpan.FromSeconds(121));
        var afterSecond = await SignInAsync("agent3", StaffAccounts.Password, "198.51.100.20");
        var oneWrongAfterSuccess = await SignInAsync("agent3", WrongPassword, "198.51.100.20");
        var rightAgain = await SignInAsync("agent3", StaffAccounts.Password, "198.51.100.20");

        second.Headers.RetryAfter!.Delta.ShouldBe(TimeSpan.FromSeconds(120));
        afterSecond.StatusCode.ShouldBe(HttpStatusCode.OK);
        oneWrongAfterSuccess.StatusCode.ShouldBe(HttpStatusCode.Unauthorized, "a success starts the count anew");
        rightAgain.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task Guessing_many_names_from_one_address_locks_that_address_but_not_other_staff()
    {
        for (var attempt = 1; attempt <= 30; attempt++)
        {
            await (await SignInAsync($"guess{attempt}", WrongPassword, "203.0.113.5")).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "SignInFailed");
        }

        var fromGuesser = await SignInAsync("agent4", StaffAccounts.Password, "203.0.113.5");
        var fromOffice = await SignInAsync("agent4", StaffAccounts.Password, "198.51.100.30");

        await fromGuesser.ShouldBeProblemAsync(HttpStatusCode.TooManyRequests, "SignInLocked");
        fromOffice.StatusCode.ShouldBe(HttpStatusCode.OK);
        _logs.Lines.ShouldContain(line => line.StartsWith("Refused a staff sign-in for \"(unknown name)\" from \"203.0.113.5\"", StringComparison.Ordinal));
        _logs.Lines.ShouldNotContain(line => line.Contains("guess17", StringComparison.Ordinal), "a name that is no account may be a mistyped password");
    }

    public void Dispose() => _bot.Dispose();

    private Task<HttpResponseMessage> SignInAsync(string name, string password, string clientAddress) =>
        _bot.NewBrowser().SendAsync(BehindTheProxy.From(
            new HttpRequestMessage(HttpMethod.Post, "/api/staff/signin") { Content = JsonContent.Create(new { name, password }) }, clientAddress));
}
