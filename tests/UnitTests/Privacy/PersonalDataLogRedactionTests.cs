using System.Globalization;
using CitizenBot.Knowledge.Search;
using CitizenBot.Privacy;
using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace CitizenBot.UnitTests.Privacy;

public sealed class PersonalDataLogRedactionTests
{
    private static readonly PersonalDataRedactor Redactor =
        PersonalDataRedactor.Create(OrdinaryWords.Read(new KnowledgeSearchOptions(), new PrivacyOptions(), []), TimeProvider.System);

    [Fact]
    public void Text_properties_nested_or_not_reach_the_sink_redacted()
    {
        var sink = new EventSink();
        using (var logger = new LoggerConfiguration().Enrich.With(new PersonalDataLogRedaction(Redactor)).WriteTo.Sink(sink).CreateLogger())
        {
            logger.Information(
                "Citizen wrote {Question} from {@Sender} with {Items}",
                "Mein Name ist Jonas Berger, IBAN DE02120300000000202051",
                new { Mail = "jonas@example.org", Age = 40 },
                new[] { "Tel. 0176 12345678", "Reisepass" });
        }

        var rendered = sink.Events.Single().RenderMessage(CultureInfo.InvariantCulture);
        rendered.ShouldNotContain("Jonas Berger");
        rendered.ShouldNotContain("DE02120300000000202051");
        rendered.ShouldNotContain("jonas@example.org");
        rendered.ShouldNotContain("12345678");
        rendered.ShouldContain("Mein Name ist [NAME], IBAN [IBAN]");
        rendered.ShouldContain("Reisepass");
        rendered.ShouldContain("40");
    }

    [Fact]
    public void Events_without_personal_data_keep_their_property_values()
    {
        var sink = new EventSink();
        using (var logger = new LoggerConfiguration().Enrich.With(new PersonalDataLogRedaction(Redactor)).WriteTo.Sink(sink).CreateLogger())
        {
            logger.Information("Sent {ActivityType} to conversation {ConversationId}", "message", "0a1b2c3d4e5f");
        }

        sink.Events.Single().RenderMessage(CultureInfo.InvariantCulture).ShouldBe("Sent \"message\" to conversation \"0a1b2c3d4e5f\"");
    }

    private sealed class EventSink : ILogEventSink
    {
        public List<LogEvent> Events { get; } = [];

        public void Emit(LogEvent logEvent) => Events.Add(logEvent);
    }
}
