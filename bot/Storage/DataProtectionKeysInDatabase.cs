using System.Xml.Linq;
using Dapper;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Extensions.Options;

namespace CitizenBot.Storage;

/// <summary>
/// Keeps the keys that protect the staff and admin sign-in cookies in PostgreSQL, so a cookie issued by one replica is
/// read by every other. With SQLite the single process keeps ASP.NET Core's default key folder.
/// </summary>
public sealed class DataProtectionKeysInDatabase(PostgresDatabase database) : IXmlRepository
{
    public IReadOnlyCollection<XElement> GetAllElements()
    {
        using var connection = database.DataSource.OpenConnection();
        return [.. connection.Query<string>("SELECT xml FROM data_protection_keys ORDER BY name").Select(xml => XElement.Parse(xml))];
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        using var connection = database.DataSource.OpenConnection();
        connection.Execute(
            "INSERT INTO data_protection_keys (name, xml) VALUES (@friendlyName, @xml) ON CONFLICT (name) DO NOTHING",
            new { friendlyName, xml = element.ToString(SaveOptions.DisableFormatting) });
    }
}

/// <summary>Points data protection at the database when replicas share PostgreSQL.</summary>
public sealed class DataProtectionKeysSetup(BotDatabase database) : IConfigureOptions<KeyManagementOptions>
{
    public void Configure(KeyManagementOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        if (database is PostgresDatabase postgres)
        {
            options.XmlRepository = new DataProtectionKeysInDatabase(postgres);
        }
    }
}
