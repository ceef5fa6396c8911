using System.Net;
using CitizenBot.FunctionalTests.Infrastructure;
using CitizenBot.Insights;
using CitizenBot.SharedKernel;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.FunctionalTests.Insights;

/// <summary>Citizens' votes and questions over Direct Line, and the exact figures staff then see on the dashboard and in the export.</summary>
public sealed class FeedbackAndFiguresTests : IDisposable
{
    private readonly InsightsBot _bot = new();

    [Fact]
    public async Task A_conversation_shows_up_with_exactly_its_figures_on_the_dashboard_and_in_the_csv()
    {
        var citizen = await _bot.StartAsync();
        var passport = await citizen.AskAsync(InsightsBot.PassportQuestion);
        var uncovered = await citizen.AskAsync(InsightsBot.UncoveredQuestion);
        var passportApplication = await citizen.AskAsync(InsightsBot.PassportApplicationQuestion);
        Citizen.Cites(passport).ShouldBeTrue();
        Citizen.Cites(uncovered).ShouldBeFalse();
        Citizen.Cites(passportApplication).ShouldBeTrue();

        await citizen.PressThumbAsync(passport, "LikeAction");
        await citizen.PressThumbAsync(passportApplication, "DislikeAction");

        var figures = await _bot.FiguresTodayAsync();
        var totals = figures["totals"]!;
        ((int)totals["conversations"]!).ShouldBe(1);
        ((int)totals["questions"]!).ShouldBe(3);
        ((int)totals["answered"]!).ShouldBe(2);
        ((int)totals["askedBack"]!).ShouldBe(0);
        ((int)totals["abstained"]!).ShouldBe(1);
        ((int)totals["likes"]!).ShouldBe(1);
        ((int)totals["dislikes"]!).ShouldBe(1);
        totals["medianAnswerMilliseconds"].ShouldNotBeNull();
        figures["unanswered"]!.AsArray().Single()!["example"]!.GetValue<string>().ShouldBe(InsightsBot.UncoveredQuestion);
        var disliked = figures["disliked"]!.AsArray().Single()!;
        disliked["question"]!.GetValue<string>().ShouldBe(InsightsBot.PassportApplicationQuestion);
        disliked["file"]!.GetValue<string>().ShouldEndWith(".md");
        figures["byLanguage"]!.AsArray().Single()!["group"]!.GetValue<string>().ShouldBe("de");
        figures["byChannel"]!.AsArray().Single()!["group"]!.GetValue<string>().ShouldBe("directline");

        using var editor = await _bot.SignInAsync("editor");
        var csv = await editor.GetAsync($"/admin/insights.csv?from={InsightsBot.Today}&to={InsightsBot.Today}");
        csv.StatusCode.ShouldBe(HttpStatusCode.OK);
        csv.Content.Headers.ContentType!.MediaType.ShouldBe("text/csv");
        var lines = (await csv.Content.ReadAsStringAsync()).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("day,conversations,questions,answered,asked_back,abstained,handed_off,likes,dislikes");
        lines[1].ShouldStartWith($"{InsightsBot.Today},1,3,2,0,1,0,1,1,");
        lines[^1].ShouldStartWith("total,1,3,2,0,1,0,1,1,");

        var dashboard = await (await editor.GetAsync("/admin")).Content.ReadAsStringAsync();
        dashboard.ShouldContain("<dd id=\"total-questions\">3</dd>");
        dashboard.ShouldContain(InsightsBot.UncoveredQuestion);
        dashboard.ShouldContain("/admin/knowledge?question=");
    }

    [Fact]
    public async Task Repeated_votes_count_once_the_last_vote_wins_and_only_two_dislikes_on_different_answers_offer_a_person()
    {
        var citizen = await _bot.StartAsync();
        var passport = await citizen.AskAsync(InsightsBot.PassportQuestion);
        var passportApplication = await citizen.AskAsync(InsightsBot.PassportApplicationQuestion);

        await citizen.PressThumbAsync(passport, "LikeAction");
        await citizen.PressThumbAsync(passport, "LikeAction");
        await citizen.PressThumbAsync(passport, "DislikeAction");
        await citizen.PressThumbAsync(passport, "DislikeAction");
        var figures = (await _bot.FiguresTodayAsync())["totals"]!;
        ((int)figures["likes"]!).ShouldBe(0);
        ((int)figures["dislikes"]!).ShouldBe(1);
        (await citizen.BotMessagesAsync()).ShouldNotContain(message => message.Text() == ConsentQuestion);

        var secondDislike = await citizen.PressThumbAsync(passportApplication, "DislikeAction");

        (await citizen.ReplyToAsync(secondDislike)).Text().ShouldBe(ConsentQuestion);
        ((int)(await _bot.FiguresTodayAsync())["totals"]!["dislikes"]!).ShouldBe(2);
    }

    [Fact]
    public async Task Feedback_for_a_message_of_another_conversation_or_for_no_answer_is_refused_and_not_counted()
    {
        var stranger = await _bot.StartAsync();
        var strangersAnswer = await stranger.AskAsync(InsightsBot.PassportQuestion);
        var citizen = await _bot.StartAsync();
        var greeting = (await citizen.BotMessagesAsync()).Single();

        var forgedThumb = await citizen.PressThumbAsync(strangersAnswer, "LikeAction");
        var refusedForeign = await citizen.ReplyToAsync(forgedThumb);
        var refusedByActivityId = await citizen.PostBackAsync("dislike", strangersAnswer.Id());
        var refusedGreeting = await citizen.PostBackAsync("like", greeting.Id());

        foreach (var refusal in new[] { refusedForeign, refusedByActivityId, refusedGreeting })
        {
            refusal.Text().ShouldBe(Texts.Get(InsightsTextKeys.FeedbackNotForAnswer, "de"));
        }

        var totals = (await _bot.FiguresTodayAsync())["totals"]!;
        ((int)totals["likes"]!).ShouldBe(0);
        ((int)totals["dislikes"]!).ShouldBe(0);
    }

    [Fact]
    public async Task A_postBack_vote_and_a_comment_with_personal_data_are_stored_redacted_with_the_answer()
    {
        var citizen = await _bot.StartAsync();
        var passport = await citizen.AskAsync(InsightsBot.PassportQuestion);

        var thanks = await citizen.PostBackAsync("like", passport.Id());
        await citizen.SubmitFeedbackAsync(passport.Id(), "dislike", "Falsche Gebühr, schreiben Sie mir an max@example.org");

        thanks.Text().ShouldBe(Texts.Get(InsightsTextKeys.FeedbackThanks, "de"));
        var figures = await _bot.FiguresTodayAsync();
        ((int)figures["totals"]!["likes"]!).ShouldBe(0);
        ((int)figures["totals"]!["dislikes"]!).ShouldBe(1);
        var comment = figures["disliked"]!.AsArray().Single()!["comment"]!.GetValue<string>();
        comment.ShouldBe("Falsche Gebühr, schreiben Sie mir an [E-MAIL]");
    }

    [Theory]
    [InlineData("/admin/insights?from=2026-11-20&to=2026-11-01", "ReversedRange")]
    [InlineData("/admin/insights.csv?from=2026-11-20&to=2026-11-01", "ReversedRange")]
    [InlineData("/admin/insights?from=&to=", "EmptyRange")]
    [InlineData("/admin/insights.csv?from=2026-11-01", "EmptyRange")]
    [InlineData("/admin/insights?from=2024-01-01&to=2026-01-01", "RangeTooLong")]
    [InlineData("/admin/report?month=November", "InvalidMonth")]
    public async Task A_reversed_or_empty_range_is_a_clear_bad_request(string path, string code)
    {
        using var editor = await _bot.SignInAsync("editor");

        await (await editor.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.BadRequest, code);
    }

    [Fact]
    public async Task The_dashboard_page_explains_a_reversed_range()
    {
        using var editor = await _bot.SignInAsync("editor");

        var response = await editor.GetAsync("/admin?from=2026-11-20&to=2026-11-01");

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync()).ShouldContain("role=\"alert\"");
    }

    [Theory]
    [InlineData("/admin/insights")]
    [InlineData("/admin/insights.csv")]
    [InlineData("/admin/report")]
    public async Task Figures_are_for_editors_and_admins_only(string path)
    {
        await (await _bot.Factory.CreateClient().GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.Unauthorized, "SignInRequired");
        using var agent = await _bot.SignInAsync("agent1");
        await (await agent.GetAsync(path)).ShouldBeProblemAsync(HttpStatusCode.Forbidden, "RoleRequired");
        using var editor = await _bot.SignInAsync("editor");
        (await editor.GetAsync(path)).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task A_browser_opening_the_dashboard_is_sent_to_the_sign_in_form_and_an_agent_is_told_which_role_it_needs()
    {
        var anonymous = _bot.Factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var opened = await anonymous.SendAsync(PageRequest("/admin?from=2026-11-01&to=2026-11-20"));
        opened.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        opened.Headers.Location!.PathAndQuery.ShouldBe("/admin/signin?ReturnUrl=%2Fadmin%3Ffrom%3D2026-11-01%26to%3D2026-11-20");
        var signInPage = await anonymous.GetStringAsync(opened.Headers.Location);
        signInPage.ShouldContain("id=\"staff-sign-in\"");
        signInPage.ShouldContain("data-return-url=\"/admin?from=2026-11-01&amp;to=2026-11-20\"");
        signInPage.ShouldNotContain("total-questions");

        using var agent = await _bot.SignInAsync("agent1");
        var refused = await agent.SendAsync(PageRequest("/admin"));

        refused.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var refusal = await refused.Content.ReadAsStringAsync();
        refusal.ShouldContain("id=\"role-required\"");
        refusal.ShouldContain("<code>editor</code>");
        refusal.ShouldContain("<code>admin</code>");
        refusal.ShouldNotContain("total-questions");
        (await anonymous.GetAsync("/chat.html")).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await anonymous.GetAsync("/transparency")).StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    /// <summary>What a browser sends when it navigates to a page.</summary>
    private static HttpRequestMessage PageRequest(string path)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        request.Headers.Accept.ParseAdd("text/html,application/xhtml+xml");
        return request;
    }

    [Fact]
    public async Task The_monthly_report_for_the_council_is_printable_html_with_the_months_figures()
    {
        var citizen = await _bot.StartAsync();
        await citizen.AskAsync(InsightsBot.PassportQuestion);
        using var editor = await _bot.SignInAsync("editor");

        var response = await editor.GetAsync($"/admin/report?month={InsightsBot.Today[..7]}");

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var html = await response.Content.ReadAsStringAsync();
        html.ShouldContain("href=\"/admin/admin.css\"");
        html.ShouldContain("<tr><th scope=\"row\">Fragen</th><td>1</td></tr>");
        (await (await editor.GetAsync("/admin/admin.css")).Content.ReadAsStringAsync()).ShouldContain("@media print");
    }

    [Fact]
    public async Task The_usage_figures_for_the_transparency_register_match_the_dashboard()
    {
        var citizen = await _bot.StartAsync();
        await citizen.AskAsync(InsightsBot.PassportQuestion);
        var today = DateOnly.FromDateTime(DateTime.UtcNow);

        var summary = await _bot.Factory.Services.GetRequiredService<IUsageFigures>().SummariseAsync(today, today, CancellationToken.None);

        summary.Questions.ShouldBe(1);
        summary.Answered.ShouldBe(1);
        summary.Conversations.ShouldBe(1);
    }

    public void Dispose() => _bot.Dispose();

    private CitizenTexts Texts => _bot.Factory.Services.GetRequiredService<CitizenTexts>();

    private string ConsentQuestion => Texts.Get(CitizenBot.Handoff.HandoffTextKeys.ConsentQuestion, "de");
}
