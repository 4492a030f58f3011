using System.Text.Json;
using Microsoft.Extensions.Options;
using SchoolSite.Core.Data;

namespace SchoolSite.Core.Recipes;

/// <summary>A recipe as the trust chooses one: its file name, what it is called and what it makes.</summary>
public sealed record RecipeEntry(string Name, string DisplayName, string? Description);

/// <summary>The installation's recipe files (<c>recipes/*.recipe.json</c>), found by name.</summary>
public sealed class RecipeLibrary(IOptions<SchoolSiteOptions> options)
{
    /// <summary>The tag of a recipe that other recipes run (the content types, the review rules): it makes no whole school on its own.</summary>
    public const string PartTag = "part";

    /// <summary>The tag of the trust's own recipe.</summary>
    public const string HostTag = "host";

    public string Folder { get; } = Path.GetFullPath(options.Value.RecipesPath, AppContext.BaseDirectory);

    /// <summary>Every recipe file, parts included (a recipe may run any of them by name).</summary>
    public IEnumerable<string> Names => Directory.Exists(Folder)
        ? Directory.EnumerateFiles(Folder, "*.recipe.json").Select(f => Path.GetFileName(f)[..^".recipe.json".Length]).Order()
        : [];

    /// <summary>
    /// The recipes offered for a new school (the dashboard's list, <c>recipes list</c>, <c>GET /api/recipes</c>): each makes a
    /// whole site. Parts and the trust's own recipe are left out; a part can still be named on purpose.
    /// </summary>
    public IReadOnlyList<RecipeEntry> ForSchools()
    {
        var offered = new List<RecipeEntry>();
        foreach (var name in Names)
        {
            if (Describe(name) is { } entry && !entry.Tags.Contains(PartTag) && !entry.Tags.Contains(HostTag))
            {
                offered.Add(new RecipeEntry(name, entry.DisplayName ?? name, entry.Description));
            }
        }
        return offered;
    }

    /// <summary>Whether the named recipe is a part of others rather than a whole school.</summary>
    public bool IsPart(string name) => Describe(name)?.Tags.Contains(PartTag) == true;

    /// <summary>The recipe's text, or null. Only names made of letters, digits and dashes are looked up: no paths from users.</summary>
    public string? Find(string name)
    {
        if (string.IsNullOrEmpty(name) || !name.All(c => char.IsAsciiLetterOrDigit(c) || c == '-'))
        {
            return null;
        }
        var file = Path.Combine(Folder, name + ".recipe.json");
        return File.Exists(file) ? File.ReadAllText(file) : null;
    }

    public static string? DisplayName(string json) => Envelope(json)?.DisplayName;

    private (string? DisplayName, string? Description, IReadOnlySet<string> Tags)? Describe(string name)
        => Find(name) is { } json ? Envelope(json) : null;

    private static (string? DisplayName, string? Description, IReadOnlySet<string> Tags)? Envelope(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
            var root = doc.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return null;
            }
            var tags = root.TryGetProperty("tags", out var t) && t.ValueKind == JsonValueKind.Array
                ? t.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).ToHashSet(StringComparer.OrdinalIgnoreCase)
                : new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            return (Text(root, "displayName"), Text(root, "description"), tags);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static string? Text(JsonElement root, string property)
        => root.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;
}
