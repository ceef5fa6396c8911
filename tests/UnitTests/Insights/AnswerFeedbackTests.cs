using CitizenBot.Insights;
using CitizenBot.SharedKernel.Activities;

namespace CitizenBot.UnitTests.Insights;

/// <summary>Votes as the clients really send them: Web Chat 4.18's event, the submitAction invoke of later versions and Teams, postBack buttons.</summary>
public sealed class AnswerFeedbackTests
{
    [Fact]
    public void Web_Chat_4_18_posts_the_chosen_action_of_the_message_entity_back_in_an_event()
    {
        var thumbs = AnswerFeedback.PotentialActions("ref-1");
        var dislike = thumbs.Single(action => action!["@type"]!.GetValue<string>() == "DislikeAction")!;

        var vote = AnswerFeedback.Read(Parse($$"""
            {"type":"event","name":"webchat:activity-status/feedback","entities":[{{dislike.ToJsonString()}}]}
            """));

        vote.ShouldBe(new FeedbackVote("ref-1", AnswerFeedback.Dislike, null));
    }

    [Theory]
    [InlineData("""{"feedbackText":"Gebühr stimmt nicht"}""")]
    [InlineData("""  "{\"feedbackText\":\"Gebühr stimmt nicht\"}"  """)]
    public void The_submit_action_invoke_carries_reaction_comment_and_the_rated_message(string feedback)
    {
        var vote = AnswerFeedback.Read(Parse(
            """{"type":"invoke","name":"message/submitAction","replyToId":"conv|0000003","value":{"actionName":"feedback","actionValue":{"reaction":"like","feedback":"""
            + feedback + "}}}"));

        vote.ShouldBe(new FeedbackVote("conv|0000003", AnswerFeedback.Like, "Gebühr stimmt nicht"));
    }

    [Fact]
    public void A_postBack_button_names_vote_and_answer_in_its_value()
    {
        var button = AnswerFeedback.Buttons("ref-2", "Hilfreich", "Nicht hilfreich")[1];

        var vote = AnswerFeedback.Read(new Activity { Type = ActivityTypes.Message, Value = button.Value!.DeepClone() });

        vote.ShouldBe(new FeedbackVote("ref-2", AnswerFeedback.Dislike, null));
    }

    [Theory]
    [InlineData("""{"type":"message","text":"Hallo"}""")]
    [InlineData("""{"type":"event","name":"handoff.status","value":{"state":"accepted"}}""")]
    [InlineData("""{"type":"invoke","name":"adaptiveCard/action"}""")]
    public void Other_activities_are_no_feedback(string json) => AnswerFeedback.Read(Parse(json)).ShouldBeNull();

    [Fact]
    public void An_unknown_reaction_is_read_as_no_vote_so_it_is_refused()
    {
        var vote = AnswerFeedback.Read(Parse("""{"type":"message","value":{"feedback":"love","replyToId":"ref-3"}}"""));

        vote!.Vote.ShouldBeEmpty();
    }

    private static Activity Parse(string json) => ActivityJson.Deserialize(json)!;
}
