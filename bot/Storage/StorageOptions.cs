using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Storage;

/// <summary>Which database keeps conversations: the embedded SQLite file, or a PostgreSQL server that several replicas share.</summary>
public enum StorageProvider
{
    Sqlite,
    PostgreSql,
}

/// <summary>Where the bot keeps what it stores.</summary>
public sealed class StorageOptions : IValidatableObject
{
    public const string Section = "Storage";

    public StorageProvider Provider { get; set; } = StorageProvider.Sqlite;

    /// <summary>Folder for the SQLite database and other files the bot keeps; relative paths are under the content root.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";

    /// <summary>The PostgreSQL connection string (Npgsql keywords); required when <see cref="Provider"/> is PostgreSql.</summary>
    public string? ConnectionString { get; set; }

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (Provider == StorageProvider.PostgreSql && string.IsNullOrWhiteSpace(ConnectionString))
        {
            yield return new ValidationResult(
                $"{Section}:{nameof(ConnectionString)} is required when {Section}:{nameof(Provider)} is {nameof(StorageProvider.PostgreSql)}.",
                [nameof(ConnectionString)]);
        }
    }
}
