using CitizenBot.SharedKernel.Activities;
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

    [Fact]
    public void A_stream_that_is_up_to_date_gets_what_this_process_appended_in_order_without_reading_the_store()
    {
        var updates = new ConversationUpdates();
        using var listener = updates.Listen(Conversation);

        updates.Publish(Conversation, Appended(3));
        updates.Publish(Conversation, Appended(2));

        listener.RecentAfter(1)!.Select(appended => appended.Stored.Sequence).ShouldBe([2L, 3L]);
        listener.RecentAfter(3).ShouldBeEmpty("nothing after the last one sent");
    }

    [Fact]
    public void A_stream_reads_the_store_when_another_replica_appended_or_it_fell_behind()
    {
        var updates = new ConversationUpdates();
        using var listener = updates.Listen(Conversation);
        updates.Publish(Conversation, Appended(5));

        listener.RecentAfter(3).ShouldBeNull("activity 4 was not appended here");

        updates.Publish(Conversation);
        listener.RecentAfter(5).ShouldBeNull("someone appended without saying what");
        listener.RecentAfter(5).ShouldBeEmpty();
    }

    private static AppendedActivity Appended(long sequence) =>
        new(new StoredActivity(sequence, ActivityDirection.Outbound, new Activity { Type = ActivityTypes.Message, Text = $"reply {sequence}" }), "{}");
}
