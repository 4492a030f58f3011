using System.Text.Json;
using Microsoft.Extensions.Options;
using SchoolSite.Core.Data;

namespace SchoolSite.Core.Recipes;

/// <summary>The installation's recipe files (<c>recipes/*.recipe.json</c>), found by name.</summary>
public sealed class RecipeLibrary(IOptions<SchoolSiteOptions> options)
{
    public string Folder { get; } = Path.GetFullPath(options.Value.RecipesPath, AppContext.BaseDirectory);

    public IEnumerable<string> Names => Directory.Exists(Folder)
        ? Directory.EnumerateFiles(Folder, "*.recipe.json").Select(f => Path.GetFileName(f)[..^".recipe.json".Length]).Order()
        : [];

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

    public static string? DisplayName(string json)
    {
        try
        {
            using var doc = JsonDocument.Parse(json);
            return doc.RootElement.TryGetProperty("displayName", out var d) ? d.GetString() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
