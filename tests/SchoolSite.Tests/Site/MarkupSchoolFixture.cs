using System.Text.Json.Nodes;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Site;

/// <summary>
/// One installation with the demo school as shipped (without review before publishing, to keep to the markup) at /mk,
/// plus a drawn logo in its library in which nobody can be identified, and a picture in the about page's text.
/// </summary>
public sealed class MarkupSchoolFixture : IAsyncLifetime
{
    public const string School = "/mk";
    public const string Logo = "demologo001";

    public SchoolSiteFactory Factory { get; } = new(TestDatabase.Sqlite);

    public async Task InitializeAsync()
    {
        _ = Factory.Server;
        Factory.AddRecipe("markup-school", Recipe(logo => logo["Logo"] = Logo).ToJsonString());
        await Factory.CreateSchoolAsync("mk", "Markup Primary", "mk", recipe: "markup-school");
    }

    /// <summary>The demo school's recipe without its last step (review), with the logo picture, the settings <paramref name="branding"/> gives, and a picture in the about page.</summary>
    public static JsonNode Recipe(Action<JsonObject> branding, string prefix = School)
    {
        var recipe = JsonNode.Parse(File.ReadAllText(Path.Combine(SchoolSiteFactory.RepositoryRecipes, "demo-school.recipe.json")))!;
        recipe["name"] = "markup-school";
        var steps = recipe["steps"]!.AsArray();
        steps.RemoveAt(steps.Count - 1);
        var pictures = steps.First(s => s!["name"]!.GetValue<string>() == "Pictures")!["Pictures"]!.AsArray();
        pictures.Add(new JsonObject { ["Id"] = Logo, ["Colour"] = "#1d4f91", ["AltText"] = "Markup Primary logo", ["NoIdentifiablePeople"] = true });
        var logo = new JsonObject();
        branding(logo);
        steps.Insert(steps.IndexOf(steps.First(s => s!["name"]!.GetValue<string>() == "content")),
            new JsonObject { ["name"] = "settings", ["Branding"] = logo });
        var about = steps.First(s => s!["name"]!.GetValue<string>() == "content")!["data"]!.AsArray()
            .First(d => d!["ContentItemId"]!.GetValue<string>() == "pageabout")!;
        about["HtmlBodyPart"]!["Html"] = "<h2>Our values</h2><p>Kindness, curiosity and courage guide everything we do. We say so often.</p>"
            + $"<p><img src=\"{prefix}/media/demogarden1/large\" alt=\"The new raised beds\"></p>";
        return recipe;
    }

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}
