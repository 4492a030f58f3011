using System.Text.Json.Nodes;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Policies;

/// <summary>A trust can supply its own wording of the policy pages; every school made afterwards starts from it.</summary>
public sealed class TrustPolicyTests : IAsyncLifetime
{
    private readonly SchoolSiteFactory _factory = new(TestDatabase.Sqlite);

    public async Task InitializeAsync()
    {
        var trustRecipe = Path.Combine(_factory.RecipesFolder, "trust.recipe.json");
        var recipe = JsonNode.Parse(await File.ReadAllTextAsync(trustRecipe))!;
        recipe["steps"]!.AsArray().Add(JsonNode.Parse("""
        { "name": "PolicyTemplates", "Pages": [ { "Key": "social-media", "Item": {
            "TitlePart": { "Title": "Oak Trust social media policy" },
            "AutoroutePart": { "Path": "policies/social-media" },
            "HtmlBodyPart": { "Html": "<h2>Our trust's accounts</h2><p>Every school in the Oak Trust follows this wording.</p>" },
            "PolicyPage": { "Audience": { "Text": "Public" }, "VersionLabel": { "Text": "Trust 2.1" } } } } ] }
        """));
        await File.WriteAllTextAsync(trustRecipe, recipe.ToJsonString());
        _ = _factory.Server;
        await _factory.CreateSchoolAsync("oak", "Oak Primary", "oak", recipe: "school");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task The_trusts_version_of_a_policy_page_replaces_the_default_and_the_others_stay()
    {
        using var visitor = new Browser(_factory);
        var page = await visitor.GetPageAsync("/oak/policies/social-media");
        Assert.Contains("Oak Trust social media policy", page);
        Assert.Contains("Every school in the Oak Trust follows this wording.", page);
        Assert.Contains("Version Trust 2.1", page);
        Assert.DoesNotContain("Two checks before anything about pupils is posted", page);

        using var head = await _factory.SignedInAsync("/oak", "head@oak.example", TwoSchoolsFixture.AdminPassword);
        Assert.Contains("do not message them privately", await head.GetPageAsync("/oak/policies/staff-social-media"));
    }
}
