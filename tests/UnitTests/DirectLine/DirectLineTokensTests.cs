using CitizenBot.Channels.DirectLine;
using CitizenBot.Storage;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;

namespace CitizenBot.UnitTests.DirectLine;

public sealed class DirectLineTokensTests : IDisposable
{
    private const int LifetimeMinutes = 30;

    private readonly string _dataFolder = Path.Combine(Path.GetTempPath(), "citizenbot-unit", Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 6, 8, 9, 0, 0, TimeSpan.Zero));
    private readonly DirectLineOptions _options = new()
    {
        TokenLifetime = TimeSpan.FromMinutes(LifetimeMinutes),
        Secrets =
        [
            new DirectLineSecret { Name = "website", Value = new string('s', 40) },
            new DirectLineSecret { Name = "old", Value = new string('o', 40), Revoked = true },
        ],
    };

    [Fact]
    public async Task A_token_grants_its_conversation_and_user()
    {
        var tokens = Create();
        var token = tokens.Issue(new DirectLineGrant("conv-a", "dl_user1", "website"));

        var (grant, rejection) = await tokens.ValidateAsync(token);

        rejection.ShouldBe(TokenRejection.None);
        grant.ShouldBe(new DirectLineGrant("conv-a", "dl_user1", "website"));
    }

    [Fact]
    public async Task A_token_works_until_its_lifetime_ends_and_is_expired_afterwards()
    {
        var tokens = Create();
        var token = tokens.Issue(new DirectLineGrant("conv-a", "dl_user1", SecretName: null));

        _time.Advance(TimeSpan.FromMinutes(LifetimeMinutes - 1));
        (await tokens.ValidateAsync(token)).Rejection.ShouldBe(TokenRejection.None);

        _time.Advance(TimeSpan.FromMinutes(2));
        (await tokens.ValidateAsync(token)).ShouldBe((null, TokenRejection.Expired));
    }

    [Fact]
    public async Task A_refreshed_token_lives_a_full_lifetime_from_the_refresh()
    {
        var tokens = Create();
        var first = tokens.Issue(new DirectLineGrant("conv-a", "dl_user1", null));
        _time.Advance(TimeSpan.FromMinutes(20));
        var (grant, _) = await tokens.ValidateAsync(first);

        var refreshed = tokens.Issue(grant!);
        _time.Advance(TimeSpan.FromMinutes(20));

        (await tokens.ValidateAsync(first)).Rejection.ShouldBe(TokenRejection.Expired);
        (await tokens.ValidateAsync(refreshed)).Grant.ShouldBe(grant);
    }

    [Fact]
    public async Task Tokens_of_a_revoked_secret_are_refused_even_when_issued_before_the_revocation()
    {
        var tokens = Create();
        var fromOld = tokens.Issue(new DirectLineGrant("conv-a", "dl_user1", "old"));
        var fromWebsite = tokens.Issue(new DirectLineGrant("conv-b", "dl_user2", "website"));

        _options.Secrets[0].Revoked = true;

        (await tokens.ValidateAsync(fromOld)).ShouldBe((null, TokenRejection.Revoked));
        (await tokens.ValidateAsync(fromWebsite)).ShouldBe((null, TokenRejection.Revoked));
    }

    [Theory]
    [InlineData("")]
    [InlineData("not-a-token")]
    [InlineData("eyJhbGciOiJub25lIn0.eyJjb252IjoiY29udi1hIiwic3ViIjoieCJ9.")]
    public async Task Garbage_and_unsigned_tokens_are_invalid(string token) =>
        (await Create().ValidateAsync(token)).ShouldBe((null, TokenRejection.Invalid));

    [Fact]
    public async Task A_token_with_a_changed_payload_is_invalid()
    {
        var token = Create().Issue(new DirectLineGrant("conv-a", "dl_user1", null));
        var parts = token.Split('.');
        var forged = Convert.ToBase64String("""{"conv":"conv-b","sub":"dl_user1"}"""u8.ToArray()).TrimEnd('=').Replace('+', '-').Replace('/', '_');

        (await Create().ValidateAsync($"{parts[0]}.{forged}.{parts[2]}")).Rejection.ShouldBe(TokenRejection.Invalid);
    }

    [Fact]
    public async Task The_generated_signing_key_survives_a_restart_but_another_install_cannot_accept_the_token()
    {
        var token = Create().Issue(new DirectLineGrant("conv-a", "dl_user1", null));

        var restarted = Create();
        var otherInstall = Create(Path.Combine(_dataFolder, "other"));

        (await restarted.ValidateAsync(token)).Rejection.ShouldBe(TokenRejection.None);
        (await otherInstall.ValidateAsync(token)).Rejection.ShouldBe(TokenRejection.Invalid);
    }

    [Fact]
    public async Task A_configured_signing_key_lets_several_instances_share_tokens()
    {
        _options.TokenSigningKey = Convert.ToBase64String(Enumerable.Range(0, 32).Select(i => (byte)i).ToArray());
        var token = Create(Path.Combine(_dataFolder, "one")).Issue(new DirectLineGrant("conv-a", "dl_user1", null));

        (await Create(Path.Combine(_dataFolder, "two")).ValidateAsync(token)).Rejection.ShouldBe(TokenRejection.None);
    }

    public void Dispose()
    {
        if (Directory.Exists(_dataFolder))
        {
            Directory.Delete(_dataFolder, recursive: true);
        }
    }

    private DirectLineTokens Create(string? dataFolder = null)
    {
        var database = new SqliteDatabase(
            Options.Create(new StorageOptions { DataFolder = dataFolder ?? _dataFolder }),
            new HostingEnvironment { ContentRootPath = Path.GetTempPath() });
        return new DirectLineTokens(Options.Create(_options), database, _time);
    }
}
