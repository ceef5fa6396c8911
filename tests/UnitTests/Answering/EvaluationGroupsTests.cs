using CitizenBot.Evaluation;

namespace CitizenBot.UnitTests.Answering;

/// <summary>Fairness in evaluation: each group's figures against all questions, and the 10-point flag.</summary>
public sealed class EvaluationGroupsTests
{
    private static QuestionOutcome Outcome(string lang, string style, bool right, bool answered = true, string? channel = null)
    {
        var question = new EvaluationQuestion($"{lang}-{style}-{Guid.NewGuid():N}", "service", lang, "Frage", ["S1"], style, null, null, channel);
        var ranking = right ? new[] { "S1", "S2" } : ["S2", "S1"];
        var turn = new TurnOutcome("Antwort", answered ? ranking[0] : null, [], ranking, null, "ServiceQuestion");
        return new QuestionOutcome(question, turn, []);
    }

    private static IEnumerable<QuestionOutcome> Many(int count, Func<QuestionOutcome> outcome) => Enumerable.Range(0, count).Select(_ => outcome());

    [Fact]
    public void A_weak_phrasing_group_is_flagged_on_top1_and_the_strong_ones_are_not()
    {
        // direct: 10/10 right; typo_short: 5/10 right; overall 15/20 = 75 %, typo_short 25 points behind.
        var report = new EvaluationReport([
            .. Many(10, () => Outcome("de", "direct", right: true)),
            .. Many(5, () => Outcome("de", "typo_short", right: true)),
            .. Many(5, () => Outcome("de", "typo_short", right: false)),
        ]);

        var groups = report.Groups();

        var weak = groups.Single(group => group is { Dimension: EvaluationGroups.Style, Group: "typo_short" });
        weak.Top1.ShouldBe(0.5);
        weak.Lags.ShouldBe([EvaluationGroups.Top1Lag]);
        groups.Single(group => group.Group == "direct").Flagged.ShouldBeFalse();
        groups.Single(group => group is { Dimension: EvaluationGroups.Language, Group: "de" }).Flagged.ShouldBeFalse();
        report.ToTable().ShouldContain("LAGS: top1");
    }

    [Fact]
    public void A_language_that_abstains_more_often_is_flagged_on_abstention()
    {
        // de answers all 16; en leaves 2 of 4 unanswered: overall abstention 10 %, en 50 %.
        var report = new EvaluationReport([
            .. Many(16, () => Outcome("de", "direct", right: true)),
            .. Many(2, () => Outcome("en", "english", right: true)),
            .. Many(2, () => Outcome("en", "english", right: false, answered: false)),
        ]);

        var english = report.Groups().Single(group => group is { Dimension: EvaluationGroups.Language, Group: "en" });

        english.Abstention.ShouldBe(0.5);
        english.Lags.ShouldContain(EvaluationGroups.AbstentionLag);
        english.Lags.ShouldContain(EvaluationGroups.Top1Lag);
    }

    [Fact]
    public void Exactly_ten_points_behind_is_not_flagged_but_just_over_is()
    {
        // Overall 80 % (16/20); a group at 70 % (7/10) is exactly 10 points behind.
        var exactly = new EvaluationReport([
            .. Many(9, () => Outcome("de", "direct", right: true)),
            .. Many(1, () => Outcome("de", "direct", right: false)),
            .. Many(7, () => Outcome("de", "detail", right: true)),
            .. Many(3, () => Outcome("de", "detail", right: false)),
        ]);
        exactly.Groups().Single(group => group.Group == "detail").Flagged.ShouldBeFalse();

        // Overall 75 % (15/20); a group at 60 % (6/10) is 15 points behind.
        var over = new EvaluationReport([
            .. Many(9, () => Outcome("de", "direct", right: true)),
            .. Many(1, () => Outcome("de", "direct", right: false)),
            .. Many(6, () => Outcome("de", "detail", right: true)),
            .. Many(4, () => Outcome("de", "detail", right: false)),
        ]);
        over.Groups().Single(group => group.Group == "detail").Lags.ShouldBe([EvaluationGroups.Top1Lag]);
    }

    [Fact]
    public void Channels_are_broken_down_only_where_questions_give_one()
    {
        var withoutChannel = new EvaluationReport([.. Many(4, () => Outcome("de", "direct", right: true))]);
        withoutChannel.Groups().ShouldNotContain(group => group.Dimension == EvaluationGroups.Channel);

        var withChannel = new EvaluationReport([
            .. Many(8, () => Outcome("de", "direct", right: true, channel: "webchat")),
            .. Many(2, () => Outcome("de", "direct", right: false, channel: "teams")),
        ]);
        var teams = withChannel.Groups().Single(group => group is { Dimension: EvaluationGroups.Channel, Group: "teams" });
        teams.Top1.ShouldBe(0);
        teams.Flagged.ShouldBeTrue();
        withChannel.Summary().Groups.ShouldContain(group => group.Group == "webchat" && !group.Flagged);
    }
}
