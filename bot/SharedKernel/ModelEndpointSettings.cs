namespace CitizenBot.SharedKernel;

/// <summary>What every OpenAI-compatible endpoint the bot may call (chat, embeddings) needs once it is switched on.</summary>
public static class ModelEndpointSettings
{
    /// <summary>The problems with an endpoint's address and model name, each naming the setting under <paramref name="section"/>.</summary>
    public static List<string> Problems(string section, Uri? endpoint, string? model, string example, string modelMeaning)
    {
        var problems = new List<string>();
        if (endpoint is not { IsAbsoluteUri: true } address || (address.Scheme != Uri.UriSchemeHttp && address.Scheme != Uri.UriSchemeHttps))
        {
            problems.Add($"{section}:Endpoint must be an absolute http(s) address such as {example}");
        }

        if (string.IsNullOrWhiteSpace(model))
        {
            problems.Add($"{section}:Model must name {modelMeaning}");
        }

        return problems;
    }
}
