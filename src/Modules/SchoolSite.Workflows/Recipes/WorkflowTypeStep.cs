using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Events;
using SchoolSite.Core.Recipes;
using SchoolSite.Workflows.Models;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Workflows.Recipes;

/// <summary>"WorkflowType": review workflows as data, each with the content types it governs.</summary>
public sealed class WorkflowTypeStep : IRecipeStepHandler
{
    public string Name => "WorkflowType";

    public string Schema => """
    {
      "type": "object",
      "required": ["WorkflowTypes"],
      "properties": {
        "name": { "type": "string" },
        "WorkflowTypes": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["Name", "DisplayName", "Transitions"],
            "properties": {
              "Name": { "type": "string", "pattern": "^[a-z][a-z0-9-]{1,63}$" },
              "DisplayName": { "type": "string", "minLength": 1 },
              "ContentTypes": { "type": "array", "items": { "type": "string" } },
              "EscalateTo": { "type": "string" },
              "NotifyDpoOnApproval": { "type": "boolean" },
              "AdministratorMayPublishAlone": { "type": "boolean" },
              "Transitions": {
                "type": "array",
                "minItems": 1,
                "items": {
                  "type": "object",
                  "required": ["Name", "DisplayName", "From", "To"],
                  "properties": {
                    "Name": { "type": "string", "pattern": "^[a-z][a-z0-9-]{1,63}$" },
                    "DisplayName": { "type": "string", "minLength": 1 },
                    "From": { "type": "array", "minItems": 1, "items": { "type": "string", "minLength": 1 } },
                    "To": { "type": "string", "minLength": 1 },
                    "Permission": { "type": "string" },
                    "Roles": { "type": "array", "items": { "type": "string" } },
                    "RequiresComment": { "type": "boolean" },
                    "Rules": { "type": "array", "items": { "enum": ["not-author", "not-checker", "checked-version", "author"] } },
                    "Effect": { "enum": ["None", "Submit", "Check", "Approve", "Return", "Publish", "Unpublish"] }
                  },
                  "additionalProperties": false
                }
              }
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
        var db = context.Services.GetRequiredService<WorkflowDbContext>();
        var contentTypes = (await context.Services.GetRequiredService<ContentDefinitionStore>().GetAsync()).Types.Select(t => t.Name).ToHashSet();
        var index = 0;
        foreach (var element in context.Step.GetProperty("WorkflowTypes").EnumerateArray())
        {
            var at = $"$.WorkflowTypes[{index++}]";
            var definition = element.Deserialize<WorkflowDefinition>(WorkflowTypes.Json)!;
            foreach (var (type, i) in definition.ContentTypes.Select((t, i) => (t, i)))
            {
                if (!contentTypes.Contains(type))
                {
                    throw new RecipeStepException($"{at}.ContentTypes[{i}]", $"there is no content type '{type}' (define it with the ContentDefinition step first)");
                }
            }
            if (definition.Transitions.All(t => t.Effect != TransitionEffect.Publish))
            {
                throw new RecipeStepException($"{at}.Transitions", "a workflow needs a transition with \"Effect\": \"Publish\"");
            }
            var row = await db.Types.FirstOrDefaultAsync(t => t.Name == definition.Name, cancellationToken);
            var json = JsonSerializer.Serialize(definition, WorkflowTypes.Json);
            if (row is null)
            {
                db.Types.Add(new WorkflowTypeRecord { Name = definition.Name, Json = json });
            }
            else
            {
                row.Json = json;
            }
        }
        await db.SaveChangesAsync(cancellationToken);
        await context.Services.GetRequiredService<SchoolEvents>().RaiseAsync(new WorkflowTypesChanged(), cancellationToken);
        await CheckEscalationAsync(context, cancellationToken);
    }

    /// <summary>
    /// Pictures of pupils or a pupil's name always get two checks, whatever the type: a workflow with a single step of
    /// approval must say which workflow with a colleague's check it moves such items onto.
    /// </summary>
    private static async Task CheckEscalationAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var all = (await context.Services.GetRequiredService<WorkflowTypes>().GetAsync()).ByName;
        static bool HasCheck(WorkflowDefinition d) => d.Transitions.Any(t => t.Effect == TransitionEffect.Check);
        var index = 0;
        foreach (var element in context.Step.GetProperty("WorkflowTypes").EnumerateArray())
        {
            var at = $"$.WorkflowTypes[{index++}]";
            var definition = all[element.GetProperty("Name").GetString()!];
            if (HasCheck(definition))
            {
                continue;
            }
            if (definition.EscalateTo is null)
            {
                throw new RecipeStepException(at + ".EscalateTo",
                    $"'{definition.Name}' has no colleague's check, so it must name (EscalateTo) the workflow with one that items picturing pupils or naming one move onto");
            }
            if (!all.TryGetValue(definition.EscalateTo, out var stricter) || !HasCheck(stricter))
            {
                throw new RecipeStepException(at + ".EscalateTo", $"'{definition.EscalateTo}' is not a workflow with a colleague's check (Effect Check)");
            }
        }
    }
}
