using System.Collections.Frozen;
using Serilog.Core;
using Serilog.Events;

namespace CitizenBot.Privacy;

/// <summary>
/// Redacts every text property of every log event before any sink sees it. Message templates are constant (CA2254 is an
/// error here), so with the properties clean the rendered message is clean too.
/// </summary>
public sealed class PersonalDataLogRedaction(IPersonalDataRedactor redactor) : ILogEventEnricher
{
    /// <summary>
    /// Properties the host itself fills on every event (logger name, request and connection ids, W3C trace ids): no citizen writes them,
    /// and running the recognizers over them cost more per request than the request's own work.
    /// </summary>
    private static readonly FrozenSet<string> GeneratedProperties =
        FrozenSet.Create(StringComparer.Ordinal, Constants.SourceContextPropertyName, "RequestId", "ConnectionId", "TraceId", "SpanId", "ParentId");

    public void Enrich(LogEvent logEvent, ILogEventPropertyFactory propertyFactory)
    {
        ArgumentNullException.ThrowIfNull(logEvent);
        foreach (var (name, value) in logEvent.Properties.ToList())
        {
            if (GeneratedProperties.Contains(name))
            {
                continue;
            }

            var redacted = Redact(value);
            if (!ReferenceEquals(redacted, value))
            {
                logEvent.AddOrUpdateProperty(new LogEventProperty(name, redacted));
            }
        }
    }

    /// <summary>The value with its texts redacted; the same instance when nothing changed, so clean events cost no allocations.</summary>
    private LogEventPropertyValue Redact(LogEventPropertyValue value)
    {
        switch (value)
        {
            case ScalarValue { Value: string text }:
                var redacted = redactor.Redact(text);
                return redacted.HadPersonalData ? new ScalarValue(redacted.Text) : value;
            case SequenceValue sequence:
                var elements = sequence.Elements.Select(Redact).ToList();
                return elements.SequenceEqual(sequence.Elements) ? value : new SequenceValue(elements);
            case StructureValue structure:
                var properties = structure.Properties.Select(property => new { property.Name, Value = Redact(property.Value), property }).ToList();
                return properties.All(p => ReferenceEquals(p.Value, p.property.Value))
                    ? value
                    : new StructureValue(properties.Select(p => new LogEventProperty(p.Name, p.Value)), structure.TypeTag);
            case DictionaryValue dictionary:
                var entries = dictionary.Elements.Select(entry => KeyValuePair.Create(entry.Key, Redact(entry.Value))).ToList();
                return entries.Select(entry => entry.Value).SequenceEqual(dictionary.Elements.Select(entry => entry.Value))
                    ? value
                    : new DictionaryValue(entries);
            default:
                return value;
        }
    }
}
