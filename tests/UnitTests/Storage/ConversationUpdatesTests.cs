using CitizenBot.Storage;

namespace CitizenBot.UnitTests.Storage;

/// <summary>Open streams wake on every append, and a conversation nobody listens to any more leaves nothing behind.</summary>
public sealed class ConversationUpdatesTests
{
    private static readonly ConversationKey Conversation = new("directline", "conversation-1");

    [Fact]
    public void A_conversation_is_forgotten_when_its_last_listener_leaves_without_any_append()
    {
        var updates = new ConversationUpdates();
        var first = updates.Listen(Conversation);
        var second = updates.Listen(Conversation);
        _ = first.Next();

        first.Dispose();
        updates.ListenedConversations.ShouldBe(1, "one stream still listens");
        second.Dispose();

        updates.ListenedConversations.ShouldBe(0);
    }

    [Fact]
    public void Leaving_twice_does_not_take_another_streams_place()
    {
        var updates = new ConversationUpdates();
        var leaving = updates.Listen(Conversation);
        using var staying = updates.Listen(Conversation);

        leaving.Dispose();
        leaving.Dispose();

        updates.ListenedConversations.ShouldBe(1);
        var next = staying.Next();
        updates.Publish(Conversation);
        next.IsCompletedSuccessfully.ShouldBeTrue();
    }

    [Fact]
    public void An_append_between_taking_next_and_waiting_is_not_missed_and_the_next_wait_is_fresh()
    {
        var updates = new ConversationUpdates();
        using var listener = updates.Listen(Conversation);
        var next = listener.Next();

        updates.Publish(Conversation);

        next.IsCompletedSuccessfully.ShouldBeTrue();
        listener.Next().IsCompleted.ShouldBeFalse();
    }

    [Fact]
    public void Appends_to_conversations_nobody_listens_to_keep_nothing()
    {
        var updates = new ConversationUpdates();

        updates.Publish(Conversation);
        updates.Publish(new ConversationKey("botframework", "conversation-2"));

        updates.ListenedConversations.ShouldBe(0);
    }
}
