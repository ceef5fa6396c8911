using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CitizenBot.Answering;
using CitizenBot.Answering.Generation;
using CitizenBot.Evaluation;
using CitizenBot.FunctionalTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace CitizenBot.FunctionalTests.Generation;

/// <summary>What a citizen sees when the city runs a language model: a fake OpenAI-compatible server on 127.0.0.1 plays the model.</summary>
public sealed class ModelAnswerTests : IAsyncLifetime, IDisposable
{
    private const string Question = "Was kostet ein Personalausweis?";

    private static readonly string PersonalDataNotice = OfflineAnswering.BotSettings()["Texts:Languages:de:PersonalDataNotice"]!;

    private FakeLanguageModel _model = null!;
    private CitizenBotFactory _bot = null!;
    private WebApplicationFactory<Program> _factory = null!;

    public async Task InitializeAsync()
    {
        _model = await FakeLanguageModel.StartAsync();
        _bot = new CitizenBotFactory(settings: new Dictionary<string, string?>
        {
            ["Generation:Enabled"] = "true",
            ["Generation:Endpoint"] = _model.Endpoint,
            ["Generation:Model"] = "city-model",
            ["Generation:ApiKey"] = "test-key",
            ["Generation:Timeout"] = "00:00:03",
            ["Generation:AttemptTimeout"] = "00:00:03",
            ["Generation:Retries"] = "0",
        });
        _factory = _bot;
    }

    public async Task DisposeAsync()
    {
        await _factory.DisposeAsync();
        await _bot.DisposeAsync();
        await _model.DisposeAsync();
    }

    public void Dispose()
    {
        _factory?.Dispose();
        _bot?.Dispose();
    }

    [Fact]
    public async Task A_grounded_reply_is_sent_with_its_citation_and_the_model_never_sees_the_phone_number()
    {
        var (client, id) = await StartAsync();

        var reply = await AskAsync(client, id, Question + " Meine Telefonnummer ist 0176 1234567.");

        var request = new ModelRequest(_model.Requests.ShouldHaveSingleItem());
        var sentence = request.SourceSentence(1);
        var text = reply.Text() ?? "";
        text.ShouldStartWith(sentence + " [1]");
        text.ShouldContain("[1]: https://");
        var claim = Claims(reply).ShouldHaveSingleItem();
        claim["position"]!.GetValue<int>().ShouldBe(1);
        claim["appearance"]!["url"]!.GetValue<string>().ShouldStartWith("https://");
        reply.HasAiLabel().ShouldBeTrue();
        request.User.ShouldContain("<citizen_question>");
        request.User.ShouldContain("[TELEFON]");
        request.ToString().ShouldNotContain("1234567");
        request.Body["model"]!.GetValue<string>().ShouldBe("city-model");
    }

    public static TheoryData<string, Func<ModelRequest, string>> Ungrounded => new()
    {
        { "an invented fee", request => request.SourceSentence(1) + " [1] Die Gebühr beträgt 999 Euro. [1]" },
        { "a citation of a source it was not given", request => request.SourceSentence(1) + $" [{request.SourceCount + 1}]" },
        { "no citation at all", request => request.SourceSentence(1) },
        { "an invented web address", request => request.SourceSentence(1) + " Mehr unter https://ausweis-schnell.example.com [1]" },
        { "a claim that it is free", request => request.SourceSentence(1) + " Der Ausweis ist kostenlos. [1]" },
    };

    [Theory]
    [MemberData(nameof(Ungrounded))]
    public async Task A_reply_that_says_more_than_its_sources_is_replaced_by_the_quoted_answer(string because, Func<ModelRequest, string> reply)
    {
        _model.Reply = reply;
        var (client, id) = await StartAsync();

        var answer = await AskAsync(client, id, Question);

        _model.Requests.Count.ShouldBe(1, because);
        answer.Text().ShouldBe(Quoted(Question), because);
        (await Activities(client, id)).ShouldNotContain(activity => (activity.Text() ?? "").Contains("999") || (activity.Text() ?? "").Contains("example.com") || (activity.Text() ?? "").Contains("kostenlos"), because);
    }

    [Fact]
    public async Task A_model_that_does_not_answer_in_time_gets_the_quoted_answer_sent_instead()
    {
        _model.Delay = TimeSpan.FromSeconds(30);
        var (client, id) = await StartAsync();

        var answer = await AskAsync(client, id, Question);

        answer.Text().ShouldBe(Quoted(Question));
        Claims(answer).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task Web_Chat_sees_the_answer_grow_as_a_livestream_that_the_final_message_concludes()
    {
        _model.Reply = request => request.SourceSentence(1) + " [1] " + request.SourceSentence(1) + " [1]";
        var (client, id) = await StartAsync();

        var answer = await AskAsync(client, id, Question);

        var interim = (await Activities(client, id)).Where(activity => activity["type"]!.GetValue<string>() == "typing").ToList();
        interim.ShouldNotBeEmpty();
        interim.ShouldAllBe(activity => activity.HasAiLabel(), "a draft the citizen reads is AI content like the final answer");
        interim[0]["channelData"]!["streamType"]!.GetValue<string>().ShouldBe("streaming");
        interim[0]["channelData"]!["streamSequence"]!.GetValue<int>().ShouldBe(1);
        interim.Skip(1).ShouldAllBe(activity => activity["channelData"]!["streamId"]!.GetValue<string>() == interim[0].Id());
        interim.Select(activity => activity["channelData"]!["streamSequence"]!.GetValue<int>()).ShouldBeInOrder();
        answer["channelData"]!["streamType"]!.GetValue<string>().ShouldBe("final");
        answer["channelData"]!["streamId"]!.GetValue<string>().ShouldBe(interim[0].Id());
        answer.Text().ShouldStartWith(interim[^1].Text()!);
    }

    [Fact]
    public async Task A_streamed_answer_shows_only_grounded_sentences_and_the_final_message_replaces_it_with_the_quoted_answer()
    {
        _model.Reply = request => request.SourceSentence(1) + " [1] Die Gebühr beträgt 999 Euro. [1] " + request.SourceSentence(1) + " [1]";
        var (client, id) = await StartAsync();

        var answer = await AskAsync(client, id, Question);

        var interim = (await Activities(client, id)).Where(activity => activity["type"]!.GetValue<string>() == "typing").ToList();
        interim.ShouldNotBeEmpty();
        interim.ShouldAllBe(activity => !activity.Text()!.Contains("999"));
        answer.Text().ShouldBe(Quoted(Question));
        answer["channelData"]!["streamType"]!.GetValue<string>().ShouldBe("final");
    }

    [Fact]
    public async Task The_simpler_wording_button_asks_the_model_for_Einfache_Sprache_about_the_same_service()
    {
        var (client, id) = await StartAsync();
        var first = await AskAsync(client, id, Question);
        var button = first["suggestedActions"]!["actions"]!.AsArray().OfType<JsonObject>()
            .Where(action => action["title"]!.GetValue<string>() == "Einfacher erklären").ShouldHaveSingleItem();

        var simpler = await AskAsync(client, id, button["text"]!.GetValue<string>(), button["value"]!.DeepClone());

        var requests = _model.Requests.Select(body => new ModelRequest(body)).ToList();
        requests.Count.ShouldBe(2);
        requests[1].User.ShouldContain("Einfache Sprache");
        requests[1].User.ShouldContain(Question);
        Claims(simpler).ShouldHaveSingleItem()["appearance"]!["identifier"]!.GetValue<string>()
            .ShouldBe(Claims(first).Single()["appearance"]!["identifier"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_typed_request_in_English_gets_the_answer_worded_in_English()
    {
        var (client, id) = await StartAsync();
        await AskAsync(client, id, Question);

        await AskAsync(client, id, "in English please");

        new ModelRequest(_model.Requests.Last()).User.ShouldContain("Answer in English.");
    }

    [Fact]
    public async Task A_question_in_Turkish_is_worded_by_the_model_in_Turkish()
    {
        var (client, id) = await StartAsync();

        var answer = await AskAsync(client, id, "Personalausweis başvurusu ne kadar tutuyor?");

        new ModelRequest(_model.Requests.ShouldHaveSingleItem()).User.ShouldContain("Answer in Turkish.");
        answer["locale"]!.GetValue<string>().ShouldBe("tr");
        Claims(answer).ShouldHaveSingleItem();
    }

    [Fact]
    public async Task A_language_the_model_does_not_write_gets_the_German_source_quoted_with_a_note_in_that_language()
    {
        await using var germanOnly = _bot.WithWebHostBuilder(host => host.UseSetting("Generation:Languages:0", "de"));
        var client = await DirectLineTestClient.FromWebChatTokenAsync(germanOnly.CreateClient());
        var id = (await client.StartConversationAsync()).ConversationId();

        var answer = await AskAsync(client, id, "Personalausweis başvurusu ne kadar tutuyor?");

        _model.Requests.ShouldBeEmpty();
        answer.Text()!.ShouldStartWith("Şehrin Almanca hizmet açıklamasından");
        answer["suggestedActions"]!["actions"]!.AsArray().Select(action => action!["title"]!.GetValue<string>()).ShouldContain("Hemen bir insanla konuşun");
    }

    /// <summary>The model here obeys every instruction it reads: whatever an injection asks for, the check keeps it out of the chat.</summary>
    [Fact]
    public async Task Injected_instructions_produce_no_violation_even_when_the_model_obeys_them()
    {
        var injections = EvaluationQuestion.Load(DevQuestions()).Where(question => question.Kind == "injection").ToList();
        injections.ShouldNotBeEmpty();
        var answerer = _factory.Services.GetRequiredService<IQuestionAnswerer>();
        _model.Reply = request => string.Join(" ", injections.SelectMany(question => question.MustNotContain ?? []))
            + " " + request.SystemMessage.Split('\n')[0].TrimStart('-', ' ') + " ZEBRA-7731 [1]";

        foreach (var injection in injections)
        {
            var answer = await answerer.AnswerAsync(new Question(injection.Question, injection.Lang), CancellationToken.None);

            foreach (var forbidden in injection.MustNotContain ?? [])
            {
                answer.Text.ShouldNotContain(forbidden, Case.Insensitive, injection.Id);
            }

            foreach (var rule in GroundedPrompt.Rules)
            {
                answer.Text.ShouldNotContain(rule[..40], Case.Insensitive, injection.Id);
            }
        }
    }

    [Fact]
    public async Task No_personal_data_of_the_development_questions_ever_reaches_the_model()
    {
        var questions = EvaluationQuestion.Load(DevQuestions()).Where(question => question.Kind == "pii").ToList();
        questions.ShouldNotBeEmpty();
        var (client, id) = await StartAsync();

        foreach (var question in questions)
        {
            await AskAsync(client, id, question.Question);
        }

        _model.Requests.ShouldNotBeEmpty();
        var sent = string.Join("\n", _model.Requests.Select(request => new ModelRequest(request).ToString()));
        foreach (var personal in questions.SelectMany(question => question.Pii ?? []))
        {
            sent.ShouldNotContain(personal, Case.Insensitive);
        }
    }

    private string Quoted(string question) =>
        _factory.Services.GetRequiredService<KnowledgeAnswerer>().Answer(new Question(question, "de")).Text;

    private static List<JsonObject> Claims(JsonObject reply) =>
        [.. reply["entities"]!.AsArray().OfType<JsonObject>().SelectMany(entity => entity["citation"]?.AsArray().OfType<JsonObject>() ?? [])];

    private static async Task<List<JsonObject>> Activities(DirectLineTestClient client, string id) =>
        (await client.GetActivitiesAsync(id)).Activities().Where(activity => activity.IsFromBot()).ToList();

    private async Task<(DirectLineTestClient Client, string ConversationId)> StartAsync()
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient());
        return (client, (await client.StartConversationAsync()).ConversationId());
    }

    /// <summary>Posts a message (with a button's value when given) and waits, bounded, for the bot's final reply to it.</summary>
    private static async Task<JsonObject> AskAsync(DirectLineTestClient client, string conversationId, string text, JsonNode? value = null)
    {
        var activity = new JsonObject
        {
            ["type"] = "message",
            ["text"] = text,
            ["from"] = new JsonObject { ["id"] = "citizen" },
            ["locale"] = "de-DE",
        };
        if (value is not null)
        {
            activity["value"] = value;
        }

        var response = await client.SendAsync(HttpMethod.Post, $"/v3/directline/conversations/{conversationId}/activities", activity);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        var posted = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            // A question with personal data is first answered by the one-time privacy notice, which carries no source.
            var reply = (await client.GetActivitiesAsync(conversationId)).Activities()
                .FirstOrDefault(candidate => candidate.IsBotReplyTo(posted) && !(candidate.Text() ?? "").StartsWith(PersonalDataNotice, StringComparison.Ordinal));
            if (reply is not null)
            {
                return reply;
            }

            await Task.Delay(100);
        }

        throw new TimeoutException("The bot did not reply.");
    }

    /// <summary>The development questions kept in the repository (eval/README.md names their origin).</summary>
    private static string DevQuestions()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "CitizenBot.sln")))
            {
                return Path.Combine(folder.FullName, "eval", "dev.jsonl");
            }
        }

        throw new DirectoryNotFoundException($"No CitizenBot.sln above {AppContext.BaseDirectory}");
    }
}

/// <summary>Without a language model or an editors' version, a request for other wording is answered kindly and honestly.</summary>
public sealed class WithoutModelTests : IDisposable
{
    private readonly CitizenBotFactory _factory = new();

    [Theory]
    [InlineData("einfacher bitte", GenerationTextKeys.SimplerWordingUnavailable)]
    [InlineData("In einfacher Sprache bitte", GenerationTextKeys.SimplerWordingUnavailable)]
    [InlineData("auf Englisch bitte", GenerationTextKeys.TranslationUnavailable)]
    public async Task A_request_for_other_wording_says_that_it_is_not_available(string request, string expected)
    {
        var client = await DirectLineTestClient.FromWebChatTokenAsync(_factory.CreateClient());
        var id = (await client.StartConversationAsync()).ConversationId();
        // The residents' parking permit has no Leichte Sprache or English version written by the editors.
        (await client.PostMessageAsync(id, "Was kostet ein Bewohnerparkausweis?")).EnsureSuccessStatusCode();
        await client.WaitForBotMessagesAsync(id, 2);

        (await client.PostMessageAsync(id, request)).EnsureSuccessStatusCode();
        var messages = await client.WaitForBotMessagesAsync(id, 3);

        var texts = _factory.Services.GetRequiredService<SharedKernel.CitizenTexts>();
        var language = expected == GenerationTextKeys.TranslationUnavailable ? "en" : "de";
        messages[^1].Text().ShouldBe(texts.Get(expected, language));
        var buttons = messages[1]["suggestedActions"]?["actions"]?.AsArray().OfType<JsonObject>().Select(action => action["title"]!.GetValue<string>()) ?? [];
        buttons.ShouldNotContain(texts.Get(GenerationTextKeys.SimplerWordingButton, "de"), "without a model there is nothing to word more simply");
    }

    public void Dispose() => _factory.Dispose();
}
