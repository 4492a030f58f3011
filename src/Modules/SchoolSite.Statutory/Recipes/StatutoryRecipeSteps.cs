using System.Globalization;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Events;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Statutory.Models;
using SchoolSite.Statutory.Services;

namespace SchoolSite.Statutory.Recipes;

/// <summary>
/// "StatutoryRequirements" (the trust's recipe): what schools must publish online. The trust recipe gives the standard
/// set; a trust adds its own items with a recipe of its own. Each item is added, or replaced by its key; items the step
/// does not name stay as they are.
/// </summary>
public sealed class StatutoryRequirementsStep : IRecipeStepHandler
{
    public string Name => "StatutoryRequirements";

    public string Schema => """
    {
      "type": "object",
      "required": ["Requirements"],
      "properties": {
        "name": { "type": "string" },
        "Requirements": {
          "type": "array",
          "minItems": 1,
          "items": {
            "type": "object",
            "required": ["Key", "Title", "Description"],
            "properties": {
              "Key": { "type": "string", "pattern": "^[a-z][a-z0-9-]{1,63}$" },
              "Title": { "type": "string", "minLength": 1, "maxLength": 200 },
              "Description": { "type": "string", "minLength": 1, "maxLength": 2000 },
              "Phases": { "type": "array", "items": { "enum": ["primary", "secondary", "special", "all-through"] }, "minItems": 1, "uniqueItems": true },
              "Types": { "type": "array", "items": { "enum": ["maintained", "academy"] }, "minItems": 1, "uniqueItems": true },
              "SixthFormOnly": { "type": "boolean" },
              "Review": {
                "type": "object",
                "properties": {
                  "EveryMonths": { "type": "integer", "minimum": 1, "maximum": 60 },
                  "By": { "type": "string", "pattern": "^(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$" }
                },
                "minProperties": 1,
                "maxProperties": 1,
                "additionalProperties": false
              },
              "OutsideLinkAllowed": { "type": "boolean" },
              "Position": { "type": "integer", "minimum": 0, "maximum": 100000 }
            },
            "additionalProperties": false
          }
        }
      },
      "additionalProperties": false
    }
    """;

    public IEnumerable<(string Path, string Message)> Check(JsonElement step)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var index = 0;
        foreach (var item in step.GetProperty("Requirements").EnumerateArray())
        {
            var at = $"$.Requirements[{index++}]";
            if (item.TryGetProperty("Key", out var key) && key.ValueKind == JsonValueKind.String && !seen.Add(key.GetString()!))
            {
                yield return ($"{at}.Key", $"'{key.GetString()}' is given twice; each requirement needs its own key");
            }
            if (item.TryGetProperty("Review", out var review) && review.ValueKind == JsonValueKind.Object
                && review.TryGetProperty("By", out var by) && by.ValueKind == JsonValueKind.String && by.GetString() is { Length: 5 } day
                && !DateOnly.TryParseExact("2000-" + day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
            {
                yield return ($"{at}.Review.By", $"'{day}' is not a day of the year (give MM-DD, e.g. 03-15 for 15 March)");
            }
        }
    }

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        if (!context.Services.GetRequiredService<TenantContext>().IsHost)
        {
            throw new RecipeStepException("$", "only the trust's recipe can say what schools must publish");
        }
        await using var db = await context.Services.GetRequiredService<IDbContextFactory<StatutoryTrustDbContext>>().CreateDbContextAsync(cancellationToken);
        var existing = await db.Requirements.ToDictionaryAsync(r => r.Key, StringComparer.Ordinal, cancellationToken);
        var next = existing.Count == 0 ? 0 : existing.Values.Max(r => r.Position) + 10;
        var count = 0;
        foreach (var item in context.Step.GetProperty("Requirements").EnumerateArray())
        {
            var key = item.GetProperty("Key").GetString()!;
            var record = existing.GetValueOrDefault(key) ?? new RequirementRecord { Key = key, Title = "", Description = "" };
            record.Title = item.GetProperty("Title").GetString()!.Trim();
            record.Description = item.GetProperty("Description").GetString()!.Trim();
            record.Phases = string.Join(',', Strings(item, "Phases"));
            record.Types = string.Join(',', Strings(item, "Types"));
            record.SixthFormOnly = item.TryGetProperty("SixthFormOnly", out var sixth) && sixth.GetBoolean();
            record.OutsideLinkAllowed = item.TryGetProperty("OutsideLinkAllowed", out var outside) && outside.GetBoolean();
            var review = item.TryGetProperty("Review", out var r) ? r : default;
            record.ReviewEveryMonths = review.ValueKind == JsonValueKind.Object && review.TryGetProperty("EveryMonths", out var months) ? months.GetInt32() : null;
            record.ReviewBy = review.ValueKind == JsonValueKind.Object && review.TryGetProperty("By", out var by) ? by.GetString() : null;
            if (item.TryGetProperty("Position", out var position))
            {
                record.Position = position.GetInt32();
            }
            else if (!existing.ContainsKey(key))
            {
                // New items keep the recipe's order, after what the trust already has.
                record.Position = next += 10;
            }
            if (!existing.ContainsKey(key))
            {
                db.Requirements.Add(record);
                existing[key] = record;
            }
            count++;
        }
        await db.SaveChangesAsync(cancellationToken);
        await context.Services.GetRequiredService<SchoolEvents>().RaiseAsync(new StatutoryRequirementsChanged(count), cancellationToken);
    }

    private static IEnumerable<string> Strings(JsonElement item, string name)
        => item.TryGetProperty(name, out var list) && list.ValueKind == JsonValueKind.Array ? list.EnumerateArray().Select(v => v.GetString()!) : [];
}

/// <summary>
/// "StatutoryLinks" (a school's recipe): which of the school's starter pages meet which requirements, by the page's
/// address, or a page elsewhere by its full address. Requirements this school need not publish are passed over.
/// </summary>
public sealed class StatutoryLinksStep : IRecipeStepHandler
{
    public string Name => "StatutoryLinks";

    public string Schema => """
    {
      "type": "object",
      "required": ["Links"],
      "properties": {
        "name": { "type": "string" },
        "Links": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["Requirement"],
            "properties": {
              "Requirement": { "type": "string", "pattern": "^[a-z][a-z0-9-]{1,63}$" },
              "Path": { "type": "string", "minLength": 1, "maxLength": 400 },
              "Url": { "type": "string", "pattern": "^https?://", "maxLength": 2000 },
              "Title": { "type": "string", "minLength": 1, "maxLength": 200 }
            },
            "oneOf": [ { "required": ["Path"] }, { "required": ["Url"] } ],
            "additionalProperties": false
          }
        }
      },
      "additionalProperties": false
    }
    """;

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var checklist = context.Services.GetRequiredService<Checklist>();
        var applying = (await context.Services.GetRequiredService<RequirementCatalog>().ForAsync(checklist.School)).Select(r => r.Key).ToHashSet();
        var (paths, _) = await context.Services.GetRequiredService<ContentQueries>().AddressesAsync();
        var index = 0;
        foreach (var link in context.Step.GetProperty("Links").EnumerateArray())
        {
            var at = $"$.Links[{index++}]";
            var key = link.GetProperty("Requirement").GetString()!;
            if (!applying.Contains(key))
            {
                continue;
            }
            string? error;
            if (link.TryGetProperty("Path", out var path))
            {
                var wanted = path.GetString()!.Trim('/');
                var page = paths.FirstOrDefault(p => string.Equals(p.Path, wanted, StringComparison.OrdinalIgnoreCase))
                    ?? throw new RecipeStepException($"{at}.Path", $"no published page is at '{wanted}'");
                error = await checklist.LinkPageAsync(key, page.ContentItemId, Actor.System);
            }
            else
            {
                error = await checklist.LinkOutsideAsync(key, link.GetProperty("Url").GetString(), link.TryGetProperty("Title", out var title) ? title.GetString() : null, Actor.System);
            }
            if (error is not null)
            {
                throw new RecipeStepException(at, error);
            }
        }
    }
}
