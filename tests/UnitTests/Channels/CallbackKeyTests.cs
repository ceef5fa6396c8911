using System.Text;
using CitizenBot.Channels.Telegram;

namespace CitizenBot.UnitTests.Channels;

/// <summary>Telegram's callback_data is at most 64 bytes and comes back from the client: short to write, strict to read.</summary>
public sealed class CallbackKeyTests
{
    [Fact]
    public void Keys_stay_far_below_64_bytes_and_read_back()
    {
        var choice = CallbackKey.ForChoice(long.MaxValue, 99);
        var feedback = CallbackKey.ForFeedback(long.MaxValue, helpful: false);

        Encoding.UTF8.GetByteCount(choice).ShouldBeLessThanOrEqualTo(64);
        CallbackKey.Parse(choice).ShouldBe(new CallbackKey(long.MaxValue, 99, null));
        CallbackKey.Parse(feedback).ShouldBe(new CallbackKey(long.MaxValue, null, false));
        CallbackKey.Parse(CallbackKey.ForFeedback(7, helpful: true)).ShouldBe(new CallbackKey(7, null, true));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("a1")]
    [InlineData("a-1.0")]
    [InlineData("a1.-1")]
    [InlineData("f3.x")]
    [InlineData("x3.1")]
    [InlineData("a1.2.3")]
    [InlineData("a99999999999999999999999.1")]
    public void Forged_or_foreign_data_is_not_a_key(string? data) => CallbackKey.Parse(data).ShouldBeNull();
}
