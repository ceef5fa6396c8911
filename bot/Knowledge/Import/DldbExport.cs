using System.Text.Json;
using System.Text.Json.Serialization;

namespace CitizenBot.Knowledge.Import;

/// <summary>The parts of the DLDB services export (services_de.json) that become knowledge files.</summary>
public sealed record DldbServiceExport([property: JsonPropertyName("data")] IReadOnlyList<DldbService> Data);

public sealed record DldbService(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("description")] string? Description,
    [property: JsonPropertyName("fees")] string? Fees,
    [property: JsonPropertyName("meta")] DldbServiceMeta? Meta,
    [property: JsonPropertyName("leika")] string? Leika,
    [property: JsonPropertyName("public")] bool Public,
    [property: JsonPropertyName("locations")] IReadOnlyList<DldbServiceLocation>? Locations,
    [property: JsonPropertyName("links")] IReadOnlyList<DldbLink>? Links,
    [property: JsonPropertyName("forms")] IReadOnlyList<DldbLink>? Forms,
    [property: JsonPropertyName("appointment")] DldbAppointment? Appointment);

public sealed record DldbServiceMeta(
    [property: JsonPropertyName("keywords")] string? Keywords,
    [property: JsonPropertyName("lastupdate")] string? LastUpdate);

public sealed record DldbServiceLocation(
    [property: JsonPropertyName("location")] string Location,
    [property: JsonPropertyName("appointment")] DldbAppointment? Appointment);

public sealed record DldbAppointment(
    [property: JsonPropertyName("link")] string? Link,
    [property: JsonPropertyName("allowed")] bool? Allowed);

public sealed record DldbLink(
    [property: JsonPropertyName("name")] string? Name,
    [property: JsonPropertyName("link")] string? Link);

/// <summary>The offices export (locations_de.json).</summary>
public sealed record DldbLocationExport([property: JsonPropertyName("data")] IReadOnlyList<DldbLocation> Data);

public sealed record DldbLocation(
    [property: JsonPropertyName("id")] string Id,
    [property: JsonPropertyName("name")] string Name,
    [property: JsonPropertyName("organization")] string? Organization,
    [property: JsonPropertyName("organizationUnit")] string? OrganizationUnit,
    [property: JsonPropertyName("address")] DldbAddress? Address,
    [property: JsonPropertyName("contact")] DldbContact? Contact);

public sealed record DldbAddress(
    [property: JsonPropertyName("street")] string? Street,
    [property: JsonPropertyName("house_number")] string? HouseNumber,
    [property: JsonPropertyName("postal_code")] string? PostalCode,
    [property: JsonPropertyName("city")] string? City);

public sealed record DldbContact(
    [property: JsonPropertyName("phone")] string? Phone,
    [property: JsonPropertyName("fax")] string? Fax,
    [property: JsonPropertyName("email")] string? Email,
    [property: JsonPropertyName("webinfo")] string? WebInfo);

public static class DldbFiles
{
    public static async Task<T> ReadAsync<T>(string path, CancellationToken cancellationToken)
    {
        await using var stream = File.OpenRead(path);
        return await JsonSerializer.DeserializeAsync<T>(stream, cancellationToken: cancellationToken)
            ?? throw new InvalidDataException($"{path} is empty");
    }
}
