using System.ComponentModel.DataAnnotations;

namespace CitizenBot.Conversation.Understanding;

/// <summary>Where the understanding step finds its words, and how much of a question a service must explain to answer it.</summary>
public sealed class UnderstandingOptions
{
    public const string Section = "Understanding";

    /// <summary>Folder with one word-class file per language (de.txt, en.txt …), relative to the content root.</summary>
    [Required]
    public string WordListFolder { get; set; } = "Conversation/Understanding/Language";

    /// <summary>Names of other towns and districts (one per line), relative to the content root.</summary>
    [Required]
    public string PlacesPath { get; set; } = "Conversation/Understanding/Places/german-places.txt";

    /// <summary>Names that mean the city itself and its quarters ("München", "Pasing"): never another place.</summary>
    public List<string> HomePlaces { get; set; } = [];

    /// <summary>Below this support (share of the question's rare words the best service explains) a question is out of scope.</summary>
    [Range(0.0, 1.0)]
    public double MinimumSupport { get; set; } = 0.15;

    /// <summary>
    /// Below this search score of the best service a question is out of scope: a service that explains the question matches it in its
    /// names and passages, a chance match on a common word scores low (fitted with <see cref="MinimumSupport"/> on the tuning half).
    /// </summary>
    [Range(0.0, 100_000.0)]
    public double MinimumScore { get; set; } = 41;

    /// <summary>Questions longer than this are cut before searching; nobody's real question is longer.</summary>
    [Range(100, 5000)]
    public int MaximumQuestionLength { get; set; } = 600;
}
