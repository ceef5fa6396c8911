using System.Reflection;
using System.Text.Json;

namespace CitizenBot.DeploymentTests.Infrastructure;

/// <summary>
/// Every configuration key the bot reads: bot/appsettings.json, the properties of its options classes (Section + property path),
/// and the keys of the scale-out work, so a deployment file with a misspelt key fails a test instead of being silently ignored.
/// </summary>
public static class KnownSettings
{
    /// <summary>Keys of the PostgreSQL storage and Azure AI Search work that deployment files set.</summary>
    private static readonly string[] ScaleOutKeys =
    [
        "Storage:Provider", "Storage:ConnectionString", "DirectLine:TokenSigningKey", "KnowledgeSearch:Backend",
    ];

    /// <summary>Every key under these is accepted (their option names are owned by another feature).</summary>
    private static readonly string[] ScaleOutPrefixes = ["KnowledgeSearch:AzureAiSearch:"];

    /// <summary>Variables ASP.NET Core and the .NET host read themselves.</summary>
    private static readonly string[] HostVariables =
    [
        "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS", "ASPNETCORE_HTTP_PORTS", "ASPNETCORE_FORWARDEDHEADERS_ENABLED", "DOTNET_CLI_TELEMETRY_OPTOUT",
    ];

    private static readonly (HashSet<string> Keys, List<string> Prefixes) Known = Collect();

    /// <summary>Whether an environment variable (Section__Key__0__Name) or key (Section:Key) is one the bot reads.</summary>
    public static bool IsKnown(string variableOrKey)
    {
        ArgumentNullException.ThrowIfNull(variableOrKey);
        if (HostVariables.Contains(variableOrKey, StringComparer.Ordinal))
        {
            return true;
        }

        var key = Normalise(variableOrKey.Replace("__", ":", StringComparison.Ordinal));
        return Known.Keys.Contains(key) || Known.Prefixes.Exists(prefix => key.StartsWith(prefix, StringComparison.OrdinalIgnoreCase));
    }

    private static (HashSet<string>, List<string>) Collect()
    {
        var keys = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var prefixes = new List<string>(ScaleOutPrefixes.Select(Normalise));
        using (var settings = JsonDocument.Parse(Repository.Read("bot/appsettings.json")))
        {
            Flatten(settings.RootElement, "", keys);
        }

        foreach (var key in ScaleOutKeys)
        {
            keys.Add(Normalise(key));
        }

        foreach (var options in typeof(Program).Assembly.GetTypes())
        {
            if (options.GetField("Section", BindingFlags.Public | BindingFlags.Static) is { IsLiteral: true } section
                && section.GetRawConstantValue() is string name)
            {
                AddProperties(options, name, keys, prefixes, depth: 0);
            }
        }

        return (keys, prefixes);
    }

    private static void Flatten(JsonElement element, string path, HashSet<string> keys)
    {
        if (path.Length > 0)
        {
            keys.Add(Normalise(path));
        }

        var prefix = path.Length > 0 ? path + ":" : "";
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    Flatten(property.Value, prefix + property.Name, keys);
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    Flatten(item, prefix + index++, keys);
                }

                break;
        }
    }

    private static void AddProperties(Type type, string path, HashSet<string> keys, List<string> prefixes, int depth)
    {
        keys.Add(Normalise(path));
        if (depth > 5 || IsLeaf(type))
        {
            return;
        }

        if (IsDictionary(type))
        {
            prefixes.Add(Normalise(path) + ":");
            return;
        }

        if (type != typeof(string) && ElementType(type) is { } element)
        {
            AddProperties(element, path + ":0", keys, prefixes, depth + 1);
            return;
        }

        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(property => property.CanWrite || !IsLeaf(property.PropertyType)))
        {
            AddProperties(property.PropertyType, $"{path}:{property.Name}", keys, prefixes, depth + 1);
        }
    }

    private static bool IsLeaf(Type type)
    {
        var underlying = Nullable.GetUnderlyingType(type) ?? type;
        return underlying.IsPrimitive || underlying.IsEnum || underlying == typeof(string) || underlying == typeof(decimal)
            || underlying == typeof(Uri) || underlying == typeof(TimeSpan) || underlying == typeof(DateOnly) || underlying == typeof(TimeOnly)
            || underlying == typeof(DateTimeOffset) || underlying == typeof(DateTime) || underlying == typeof(Guid);
    }

    private static bool IsDictionary(Type type) =>
        type.GetInterfaces().Append(type).Any(candidate => candidate.IsGenericType
            && (candidate.GetGenericTypeDefinition() == typeof(IDictionary<,>) || candidate.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>)));

    private static Type? ElementType(Type type) =>
        type.IsArray ? type.GetElementType()
        : type.GetInterfaces().Append(type).FirstOrDefault(candidate => candidate.IsGenericType && candidate.GetGenericTypeDefinition() == typeof(IEnumerable<>))
            ?.GetGenericArguments()[0];

    /// <summary>Array indexes all become 0: any index of a known list is known.</summary>
    private static string Normalise(string key) =>
        string.Join(':', key.Split(':').Select(segment => segment.Length > 0 && segment.All(char.IsAsciiDigit) ? "0" : segment));
}
