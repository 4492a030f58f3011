using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Data;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;

namespace SchoolSite.Policies.Recipes;

/// <summary>
/// "PolicyTemplates" (trust recipe): the trust's own wording of policy pages, kept for the trust and
/// used by every school made afterwards instead of the built-in defaults with the same key.
/// </summary>
public sealed class PolicyTemplatesStep(AppDataFolder appData) : IRecipeStepHandler
{
    public string Name => "PolicyTemplates";

    public string Schema => DefaultPoliciesStep.PagesSchema;

    public string File => Path.Combine(appData.Path, "Trust", "policy-templates.json");

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        if (!context.Services.GetRequiredService<Core.Tenancy.TenantContext>().IsHost)
        {
            throw new RecipeStepException("$", "only the trust's recipe can set the policy pages schools start from");
        }
        Directory.CreateDirectory(Path.GetDirectoryName(File)!);
        await System.IO.File.WriteAllTextAsync(File, context.Step.GetProperty("Pages").GetRawText(), cancellationToken);
    }
}

/// <summary>
/// "DefaultPolicies" (school recipe): creates and publishes the school's policy pages: the trust's
/// version of each page where the trust supplied one, otherwise the wording given here.
/// </summary>
public sealed class DefaultPoliciesStep(AppDataFolder appData) : IRecipeStepHandler
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
        var trustFile = Path.Combine(appData.Path, "Trust", "policy-templates.json");
        var trust = System.IO.File.Exists(trustFile)
            ? JsonNode.Parse(await System.IO.File.ReadAllTextAsync(trustFile, cancellationToken))!.AsArray()
                .ToDictionary(p => p!["Key"]!.GetValue<string>(), p => p!["Item"]!.AsObject())
            : [];
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
}
