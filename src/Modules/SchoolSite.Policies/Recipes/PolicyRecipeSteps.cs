using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Data;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;
using SchoolSite.Policies.Models;

namespace SchoolSite.Policies.Recipes;

/// <summary>
/// "PolicyTemplates" (trust recipe): the trust's own wording of policy pages, kept in the trust's database (every web
/// node reads it) and used by every school made afterwards instead of the built-in defaults with the same key.
/// </summary>
public sealed class PolicyTemplatesStep : IRecipeStepHandler
{
    public string Name => "PolicyTemplates";

    public string Schema => DefaultPoliciesStep.PagesSchema;

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        if (!context.Services.GetRequiredService<Core.Tenancy.TenantContext>().IsHost)
        {
            throw new RecipeStepException("$", "only the trust's recipe can set the policy pages schools start from");
        }
        await using var db = await context.Services.GetRequiredService<IDbContextFactory<PoliciesTrustDbContext>>().CreateDbContextAsync(cancellationToken);
        // The step gives the whole set: what it no longer names goes.
        db.Templates.RemoveRange(await db.Templates.ToListAsync(cancellationToken));
        var position = 0;
        foreach (var page in context.Step.GetProperty("Pages").EnumerateArray())
        {
            db.Templates.Add(new PolicyTemplate { Key = page.GetProperty("Key").GetString()!, Position = position++, Item = page.GetProperty("Item").GetRawText() });
        }
        await db.SaveChangesAsync(cancellationToken);
    }
}

/// <summary>
/// "DefaultPolicies" (school recipe): creates and publishes the school's policy pages: the trust's
/// version of each page where the trust supplied one, otherwise the wording given here.
/// </summary>
public sealed class DefaultPoliciesStep(AppDataFolder appData, IDbContextFactory<PoliciesTrustDbContext> trustTemplates) : IRecipeStepHandler
{
    public const string PagesSchema = """
    {
      "type": "object",
      "required": ["Pages"],
      "properties": {
        "name": { "type": "string" },
        "Pages": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["Key", "Item"],
            "properties": { "Key": { "type": "string", "pattern": "^[a-z][a-z0-9-]{1,63}$" }, "Item": { "type": "object" } },
            "additionalProperties": false
          }
        }
      },
      "additionalProperties": false
    }
    """;

    public string Name => "DefaultPolicies";

    public string Schema => PagesSchema;

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var trust = await TrustTemplatesAsync(cancellationToken);
        var content = context.Services.GetRequiredService<ContentManager>();
        var index = 0;
        foreach (var page in context.Step.GetProperty("Pages").EnumerateArray())
        {
            var at = $"$.Pages[{index++}]";
            var key = page.GetProperty("Key").GetString()!;
            var item = trust.TryGetValue(key, out var replacement) ? (JsonObject)replacement.DeepClone() : JsonNode.Parse(page.GetProperty("Item").GetRawText())!.AsObject();
            var parts = new JsonObject();
            foreach (var (name, value) in item.Where(p => p.Value is JsonObject))
            {
                parts[name] = value!.DeepClone();
            }
            var type = item["ContentType"]?.GetValue<string>() ?? "PolicyPage";
            var created = await content.CreateAsync(type, parts, Actor.System);
            if (!created.Succeeded)
            {
                throw new RecipeStepException($"{at}.Item", created.Describe());
            }
            var published = await content.PublishAsync(created.Item!.ContentItemId, Actor.System);
            if (!published.Succeeded)
            {
                throw new RecipeStepException($"{at}.Item", published.Describe());
            }
        }
    }

    /// <summary>
    /// The trust's wording, by key: from the trust's database, or (an installation set up before it moved there) from the
    /// file the trust recipe wrote in App_Data.
    /// </summary>
    private async Task<Dictionary<string, JsonObject>> TrustTemplatesAsync(CancellationToken cancellationToken)
    {
        await using var db = await trustTemplates.CreateDbContextAsync(cancellationToken);
        var stored = await db.Templates.AsNoTracking().OrderBy(t => t.Position).ToListAsync(cancellationToken);
        if (stored.Count > 0)
        {
            return stored.ToDictionary(t => t.Key, t => JsonNode.Parse(t.Item)!.AsObject());
        }
        var file = Path.Combine(appData.Path, "Trust", "policy-templates.json");
        return System.IO.File.Exists(file)
            ? JsonNode.Parse(await System.IO.File.ReadAllTextAsync(file, cancellationToken))!.AsArray()
                .ToDictionary(p => p!["Key"]!.GetValue<string>(), p => p!["Item"]!.AsObject())
            : [];
    }
}
