using System.Net;
using CitizenBot.FunctionalTests.Infrastructure;

namespace CitizenBot.FunctionalTests.Knowledge;

/// <summary>The editors' "try a question" box on /admin/knowledge, on the real knowledge folder.</summary>
public sealed class TryQuestionTests : IDisposable
{
    private readonly CitizenBotFactory _factory = new();

    [Fact]
    public async Task Shows_the_ranked_services_and_the_answer_the_citizen_would_get()
    {
        var page = WebUtility.HtmlDecode(await (await _factory.SignedInClientAsync("editor")).GetStringAsync("/admin/knowledge?question=Was%20kostet%20ein%20Reisepass%3F"));

        var ranked = page[page.IndexOf("class=\"ranked-services\"", StringComparison.Ordinal)..page.IndexOf("answer-text", StringComparison.Ordinal)];
        ranked.ShouldContain("Reisepass");
        page[page.IndexOf("answer-text", StringComparison.Ordinal)..].ShouldContain("Euro");
    }

    [Fact]
    public async Task Without_a_question_shows_only_the_box()
    {
        var page = await (await _factory.SignedInClientAsync("editor")).GetStringAsync("/admin/knowledge");

        page.ShouldContain("id=\"question\"");
        page.ShouldNotContain("ranked-services");
    }

    public void Dispose() => _factory.Dispose();
}
