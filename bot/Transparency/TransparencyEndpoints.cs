using CitizenBot.SharedKernel;
using CitizenBot.Transparency.Register;
using Microsoft.AspNetCore.Http.HttpResults;

namespace CitizenBot.Transparency;

/// <summary>The public register entry: what this AI system is, on what data, under whose responsibility, how well it works.</summary>
public static class TransparencyEndpoints
{
    public const string Path = CitizenTexts.TransparencyPath;
    public const string JsonPath = "/transparency.json";
    public const string SchemaPath = "/transparency.schema.json";

    /// <summary>The JSON schema of the register record, shipped inside the assembly.</summary>
    public const string SchemaResource = "register.schema.json";

    public static IEndpointRouteBuilder MapTransparency(this IEndpointRouteBuilder app)
    {
        app.MapGet(Path, async (string? lang, TransparencyRegister register, CancellationToken cancellationToken) =>
            new RazorComponentResult<TransparencyPage>(new
            {
                // The register is written in the required languages only; anyone else reads the German record.
                Language = lang is { } asked && CitizenTexts.RequiredLanguages.Contains(asked) ? asked : TextsOptions.DefaultLanguage,
                Record = await register.CurrentAsync(cancellationToken),
            }));
        app.MapGet(JsonPath, async (TransparencyRegister register, CancellationToken cancellationToken) =>
            Results.Json(await register.CurrentAsync(cancellationToken), RegisterRecord.Json));
        app.MapGet(SchemaPath, () => Results.Stream(
            typeof(TransparencyEndpoints).Assembly.GetManifestResourceStream(SchemaResource)!, "application/schema+json"));
        return app;
    }
}
