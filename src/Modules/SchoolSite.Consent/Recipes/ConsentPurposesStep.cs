using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Events;
using SchoolSite.Core.Recipes;

namespace SchoolSite.Consent.Recipes;

/// <summary>"ConsentPurposes": what pictures may be used for, each separately, with its lawful basis.</summary>
public sealed class ConsentPurposesStep : IRecipeStepHandler
{
    public string Name => "ConsentPurposes";

    public string Schema => """
    {
      "type": "object",
      "required": ["Purposes"],
      "properties": {
        "name": { "type": "string" },
        "Purposes": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["Name", "DisplayName", "Description"],
            "properties": {
              "Name": { "type": "string", "pattern": "^[a-z][a-z0-9-]{1,63}$" },
              "DisplayName": { "type": "string", "minLength": 1 },
              "Description": { "type": "string", "minLength": 1 },
              "LawfulBasis": { "enum": ["consent", "public-task"] }
            },
            "additionalProperties": false
          }
        }
      },
      "additionalProperties": false
    }
    """;

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var db = context.Services.GetRequiredService<ConsentDbContext>();
        foreach (var purpose in context.Step.GetProperty("Purposes").EnumerateArray())
        {
            var name = purpose.GetProperty("Name").GetString()!;
            var row = await db.Purposes.FirstOrDefaultAsync(p => p.Name == name, cancellationToken);
            if (row is null)
            {
                row = new ConsentPurpose { Name = name, DisplayName = "", Description = "", LawfulBasis = "consent" };
                db.Purposes.Add(row);
            }
            row.DisplayName = purpose.GetProperty("DisplayName").GetString()!;
            row.Description = purpose.GetProperty("Description").GetString()!;
            // Opt-in consent is the default, as the school's guidance asks.
            row.LawfulBasis = purpose.TryGetProperty("LawfulBasis", out var basis) ? basis.GetString()! : "consent";
        }
        await db.SaveChangesAsync(cancellationToken);
        await context.Services.GetRequiredService<SchoolEvents>().RaiseAsync(new ConsentPurposesChanged(), cancellationToken);
    }
}
