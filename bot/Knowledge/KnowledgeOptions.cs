using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Knowledge;

/// <summary>Where the editors' knowledge folder is and how quickly their saved changes go live.</summary>
public sealed class KnowledgeOptions
{
    public const string Section = "Knowledge";

    /// <summary>The folder, absolute or relative to the content root (bot/), so "../knowledge" is the repository's folder.</summary>
    [Required]
    public string Folder { get; set; } = "../knowledge";

    /// <summary>How long to wait after a change event so an editor's save (often several events) is read once.</summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:00:01.500")]
    public TimeSpan Debounce { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>A full rescan as a safety net for change events the file system does not deliver (network shares, containers).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan Rescan { get; set; } = TimeSpan.FromSeconds(30);
}
