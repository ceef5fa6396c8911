using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace CitizenBot.FunctionalTests.Infrastructure;

/// <summary>What a client sees of a refused request: the status, a problem+json body and its stable code.</summary>
public static class Problems
{
    public static async Task ShouldBeProblemAsync(this HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.StatusCode.ShouldBe(status, body);
        response.Content.Headers.ContentType?.MediaType.ShouldBe("application/problem+json");
        var problem = JsonNode.Parse(body)!;
        problem["status"]!.GetValue<int>().ShouldBe((int)status);
        problem["code"]!.GetValue<string>().ShouldBe(code);
        problem["detail"]!.GetValue<string>().ShouldNotBeNullOrWhiteSpace();
    }

    public static async Task<JsonObject> ReadObjectAsync(this HttpResponseMessage response)
    {
        var body = await response.Content.ReadAsStringAsync();
        response.IsSuccessStatusCode.ShouldBeTrue($"{(int)response.StatusCode}: {body}");
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }
}
