using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace CitizenBot.FunctionalTests.Infrastructure;

/// <summary>
/// Azure AI Search's REST wire format for the calls Azure.Search.Documents makes: create or update (and get) an index or synonym map
/// at /indexes('name') or /indexes/name, index documents (mergeOrUpload, upload, merge, delete; 200 or 207 with a status per key) and
/// search (POST docs/search.post.search). Every call needs api-version and the api-key header. Search is plain word matching over the
/// requested searchFields with the index's single-word synonym rules applied: enough to prove the wiring, not a search engine.
/// </summary>
public sealed partial class FakeAzureAiSearch : IAsyncDisposable, IDisposable
{
    private readonly string _apiKey;
    private readonly ConcurrentDictionary<string, JsonObject> _indexes = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, JsonObject> _synonymMaps = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentDictionary<string, JsonObject>> _documents = new(StringComparer.Ordinal);
    private LoopbackServer? _server;

    private FakeAzureAiSearch(string apiKey) => _apiKey = apiKey;

    public string Endpoint => _server!.BaseUrl;

    public IReadOnlyDictionary<string, JsonObject> Indexes => _indexes;

    public IReadOnlyDictionary<string, JsonObject> SynonymMaps => _synonymMaps;

    /// <summary>Keys of every document written by mergeOrUpload, upload or merge, in order.</summary>
    public ConcurrentQueue<string> Written { get; } = new();

    /// <summary>Keys of every delete action, in order.</summary>
    public ConcurrentQueue<string> Deleted { get; } = new();

    /// <summary>The search text of every query other than "*".</summary>
    public ConcurrentQueue<string> Questions { get; } = new();

    /// <summary>The request body of every query other than "*", as the SDK sent it.</summary>
    public ConcurrentQueue<JsonObject> QuestionBodies { get; } = new();

    /// <summary>Requests the fake does not know, as "METHOD path", so a test fails with the call the SDK made.</summary>
    public ConcurrentQueue<string> Unknown { get; } = new();

    /// <summary>The self-signed certificate the fake serves: Azure.Search.Documents refuses plain http with an api key.</summary>
    public X509Certificate2 Certificate { get; } = SelfSigned();

    public static async Task<FakeAzureAiSearch> StartAsync(string apiKey)
    {
        var fake = new FakeAzureAiSearch(apiKey);
        fake._server = await LoopbackServer.StartAsync(app => app.Map("/{**path}", fake.HandleAsync), fake.Certificate);
        return fake;
    }

    /// <summary>A handler that trusts exactly this fake's certificate, for the bot's Azure AI Search HTTP client in tests.</summary>
    public HttpMessageHandler TrustingHandler() => new SocketsHttpHandler
    {
        SslOptions = { RemoteCertificateValidationCallback = (_, presented, _, _) => presented is not null && presented.GetCertHashString() == Certificate.GetCertHashString() },
    };

    /// <summary>Keys whose next write is refused with 400 inside a 207 answer, as Azure does for a document it cannot take.</summary>
    public ConcurrentDictionary<string, bool> RefusedKeys { get; } = new(StringComparer.Ordinal);

    /// <summary>Removes a document behind the bot's back, as an operator's tool or an older replica could.</summary>
    public void Forget(string index, string key) => _documents.GetOrAdd(index, _ => new(StringComparer.Ordinal)).TryRemove(key, out _);

    /// <summary>The documents one index holds now, by key.</summary>
    public IReadOnlyDictionary<string, JsonObject> Documents(string index) => _documents.GetOrAdd(index, _ => new(StringComparer.Ordinal));

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
            _server = null;
        }
    }

    public void Dispose() => Certificate.Dispose();

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        // Kestrel needs the private key in a form it can load on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pfx), null);
    }

    private async Task HandleAsync(HttpContext http)
    {
        if (string.IsNullOrEmpty(http.Request.Query["api-version"]))
        {
            await ErrorAsync(http, StatusCodes.Status400BadRequest, "MissingRequiredParameter", "The api-version query parameter is missing.");
            return;
        }

        if (http.Request.Headers["api-key"] != _apiKey)
        {
            // What the service sends for a wrong key: 403 with an empty body.
            http.Response.StatusCode = StatusCodes.Status403Forbidden;
            return;
        }

        var path = Uri.UnescapeDataString(http.Request.Path.Value ?? "");
        var method = http.Request.Method;
        if (DefinitionPath().Match(path) is { Success: true } resource)
        {
            var collection = resource.Groups["collection"].Value == "indexes" ? _indexes : _synonymMaps;
            var name = resource.Groups["quoted"].Success ? resource.Groups["quoted"].Value : resource.Groups["plain"].Value;
            await DefinitionAsync(http, collection, name);
            return;
        }

        if (method == HttpMethods.Post && DocumentsPath().Match(path) is { Success: true } documents)
        {
            var index = documents.Groups["quoted"].Success ? documents.Groups["quoted"].Value : documents.Groups["plain"].Value;
            if (!_indexes.ContainsKey(index))
            {
                await ErrorAsync(http, StatusCodes.Status404NotFound, "ResourceNotFound", $"The index '{index}' was not found.");
                return;
            }

            var body = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
            await (documents.Groups["operation"].Value == "search.index" ? IndexAsync(http, index, body) : SearchAsync(http, index, body));
            return;
        }

        Unknown.Enqueue($"{method} {path}");
        await ErrorAsync(http, StatusCodes.Status404NotFound, "ResourceNotFound", "Unknown path.");
    }

    private static async Task DefinitionAsync(HttpContext http, ConcurrentDictionary<string, JsonObject> collection, string name)
    {
        if (http.Request.Method == HttpMethods.Get)
        {
            if (collection.TryGetValue(name, out var found))
            {
                await http.Response.WriteAsJsonAsync(found);
            }
            else
            {
                await ErrorAsync(http, StatusCodes.Status404NotFound, "ResourceNotFound", $"'{name}' was not found.");
            }

            return;
        }

        var definition = (await JsonNode.ParseAsync(http.Request.Body))!.AsObject();
        definition["@odata.etag"] = $"\"0x{DateTime.UtcNow.Ticks:X}\"";
        var created = !collection.ContainsKey(name);
        collection[name] = definition;
        http.Response.StatusCode = created ? StatusCodes.Status201Created : StatusCodes.Status200OK;
        await http.Response.WriteAsJsonAsync(definition);
    }

    private async Task IndexAsync(HttpContext http, string index, JsonObject body)
    {
        var keyField = KeyField(index);
        var stored = _documents.GetOrAdd(index, _ => new(StringComparer.Ordinal));
        var results = new JsonArray();
        foreach (var action in body["value"]!.AsArray().OfType<JsonObject>())
        {
            var key = action[keyField]!.GetValue<string>();
            var kind = action["@search.action"]?.GetValue<string>() ?? "upload";
            var fields = action.Where(pair => pair.Key != "@search.action").ToDictionary(pair => pair.Key, pair => pair.Value?.DeepClone());
            if (RefusedKeys.TryRemove(key, out _))
            {
                results.Add(new JsonObject { ["key"] = key, ["status"] = false, ["errorMessage"] = "Document is malformed.", ["statusCode"] = 400 });
                continue;
            }

            if (kind == "delete")
            {
                Deleted.Enqueue(key);
                stored.TryRemove(key, out _);
            }
            else
            {
                Written.Enqueue(key);
                var document = kind == "upload" || !stored.TryGetValue(key, out var existing) ? [] : existing;
                foreach (var (name, value) in fields)
                {
                    document[name] = value;
                }

                stored[key] = document;
            }

            results.Add(new JsonObject { ["key"] = key, ["status"] = true, ["errorMessage"] = null, ["statusCode"] = kind == "delete" ? 200 : 201 });
        }

        http.Response.StatusCode = results.Any(result => result!["status"]!.GetValue<bool>() == false) ? StatusCodes.Status207MultiStatus : StatusCodes.Status200OK;
        await http.Response.WriteAsJsonAsync(new JsonObject { ["value"] = results });
    }

    private async Task SearchAsync(HttpContext http, string index, JsonObject body)
    {
        var text = body["search"]?.GetValue<string>() ?? "*";
        var top = body["top"]?.GetValue<int>() ?? 50;
        var skip = body["skip"]?.GetValue<int>() ?? 0;
        var select = Names(body["select"]);
        var searchFields = Names(body["searchFields"]);
        var semantic = body["queryType"]?.GetValue<string>() == "semantic";
        var keyField = KeyField(index);
        var documents = Documents(index).Values;
        IEnumerable<(JsonObject Document, double Score)> matches;
        if (text.Trim() == "*")
        {
            matches = documents.OrderBy(document => document[keyField]!.GetValue<string>(), StringComparer.Ordinal).Select(document => (document, 1.0));
        }
        else
        {
            Questions.Enqueue(text);
            QuestionBodies.Enqueue(body);
            var terms = Expanded(index, Words(text));
            matches = documents
                .Select(document => (Document: document, Score: Score(document, terms, searchFields)))
                .Where(match => match.Score > 0)
                .OrderByDescending(match => match.Score);
        }

        var value = new JsonArray();
        foreach (var (document, score) in matches.Skip(skip).Take(top))
        {
            var result = new JsonObject { ["@search.score"] = score };
            if (semantic)
            {
                result["@search.rerankerScore"] = Math.Min(4, score);
            }

            foreach (var (name, field) in document.Where(pair => select.Count == 0 || select.Contains(pair.Key)))
            {
                result[name] = field?.DeepClone();
            }

            value.Add(result);
        }

        await http.Response.WriteAsJsonAsync(new JsonObject { ["value"] = value });
    }

    /// <summary>Occurrences of the query words in the searched string fields.</summary>
    private static double Score(JsonObject document, HashSet<string> terms, HashSet<string> searchFields) =>
        document
            .Where(pair => (searchFields.Count == 0 || searchFields.Contains(pair.Key)) && pair.Value is JsonValue value && value.TryGetValue<string>(out _))
            .SelectMany(pair => Words(pair.Value!.GetValue<string>()))
            .Count(terms.Contains);

    /// <summary>The query words plus the single-word replacements of the Solr rules in every synonym map the index's fields name.</summary>
    private HashSet<string> Expanded(string index, IEnumerable<string> words)
    {
        var terms = words.ToHashSet(StringComparer.Ordinal);
        var maps = _indexes[index]["fields"]!.AsArray().OfType<JsonObject>()
            .SelectMany(field => field["synonymMaps"]?.AsArray().Select(name => name!.GetValue<string>()) ?? [])
            .Distinct(StringComparer.Ordinal);
        foreach (var map in maps)
        {
            var rules = _synonymMaps.TryGetValue(map, out var definition) ? definition["synonyms"]!.GetValue<string>() : "";
            foreach (var rule in rules.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var sides = rule.Split("=>", 2);
                if (sides.Length == 2 && terms.Contains(sides[0].Trim()))
                {
                    terms.UnionWith(sides[1].Split(',').Select(word => word.Trim()).Where(word => !word.Contains(' ', StringComparison.Ordinal)));
                }
            }
        }

        return terms;
    }

    private string KeyField(string index) =>
        _indexes[index]["fields"]!.AsArray().OfType<JsonObject>().Single(field => field["key"]?.GetValue<bool>() == true)["name"]!.GetValue<string>();

    private static HashSet<string> Names(JsonNode? list) =>
        (list?.GetValue<string>() ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToHashSet(StringComparer.Ordinal);

    private static IEnumerable<string> Words(string text) => WordPattern().Matches(text.ToLower(CultureInfo.InvariantCulture)).Select(match => match.Value);

    private static Task ErrorAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        return http.Response.WriteAsJsonAsync(new JsonObject { ["error"] = new JsonObject { ["code"] = code, ["message"] = message } });
    }

    [GeneratedRegex(@"^/(?<collection>indexes|synonymmaps)(\('(?<quoted>[^']+)'\)|/(?<plain>[^/]+))$")]
    private static partial Regex DefinitionPath();

    [GeneratedRegex(@"^/indexes(\('(?<quoted>[^']+)'\)|/(?<plain>[^/]+))/docs/(?<operation>search\.index|search\.post\.search)$")]
    private static partial Regex DocumentsPath();

    [GeneratedRegex(@"\w+")]
    private static partial Regex WordPattern();
}
