using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Storage;

/// <summary>Where the embedded SQLite database lives.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>Folder for the database and other files the bot keeps; relative paths are under the content root.</summary>
    [Required]
    public string DataFolder { get; set; } = "data";
}
