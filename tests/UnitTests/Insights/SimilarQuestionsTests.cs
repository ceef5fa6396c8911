using CitizenBot.Insights;

namespace CitizenBot.UnitTests.Insights;

/// <summary>The editors' list groups unanswered questions that differ only in filler words, case, accents or order.</summary>
public sealed class SimilarQuestionsTests
{
    private static readonly DateOnly Monday = new(2026, 11, 2);

    [Fact]
    public void Rewordings_of_one_question_fall_into_one_group_and_other_questions_stay_apart()
    {
        var groups = SimilarQuestions.Group(
        [
            ("Wo kann ich meinen Angelschein verlängern?", Monday),
            ("Angelschein verlängern – wo?", Monday.AddDays(1)),
            ("wie kann ich den ANGELSCHEIN verlangern", Monday.AddDays(2)),
            ("Wann hat das Hallenbad geöffnet?", Monday),
        ]);

        groups.Count.ShouldBe(2);
        groups[0].Count.ShouldBe(3);
        groups[0].Example.ShouldBe("Wo kann ich meinen Angelschein verlängern?");
        groups[0].LastAsked.ShouldBe(Monday.AddDays(2));
        groups[0].Wordings.Count.ShouldBe(3);
        groups[1].Example.ShouldBe("Wann hat das Hallenbad geöffnet?");
    }

    [Theory]
    [InlineData("Führerschein verloren", "fuhrerschein VERLOREN!", 1.0)]
    [InlineData("Hund anmelden", "Katze anmelden", 1.0 / 3)]
    [InlineData("Parkausweis beantragen", "Hallenbad Öffnungszeiten", 0.0)]
    public void Similarity_is_the_share_of_common_words(string first, string second, double expected) =>
        SimilarQuestions.Similarity(SimilarQuestions.Words(first), SimilarQuestions.Words(second)).ShouldBe(expected, 0.001);
}
