using Microsoft.AspNetCore.Http.HttpResults;

namespace CitizenBot.Transparency;

/// <summary>The public, human-readable notice of what this AI system is and how to reach a person instead.</summary>
public static class TransparencyEndpoints
{
    public const string Path = "/transparency";

    public static IEndpointRouteBuilder MapTransparency(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, (string? lang) => new RazorComponentResult<TransparencyPage>(
            new { Language = CitizenTexts.LanguageOf(lang) }));
        return app;
    }
}
