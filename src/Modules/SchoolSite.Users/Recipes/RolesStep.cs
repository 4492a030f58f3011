using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Recipes;

/// <summary>Orchard's "Roles" step: each role named gets exactly the permissions listed.</summary>
public sealed class RolesStep(PermissionCatalog catalog) : IRecipeStepHandler
{
    public string Name => "Roles";

    public string Schema => """
    {
      "type": "object",
      "required": ["Roles"],
      "properties": {
        "name": { "type": "string" },
        "Roles": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["Name", "Permissions"],
            "properties": {
              "Name": { "type": "string", "pattern": "^[A-Za-z][A-Za-z0-9 ]{0,63}$" },
              "Description": { "type": "string" },
              "Permissions": { "type": "array", "items": { "type": "string" } }
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
        var i = 0;
        foreach (var role in step.GetProperty("Roles").EnumerateArray())
        {
            var j = 0;
            foreach (var permission in role.GetProperty("Permissions").EnumerateArray())
            {
                if (!catalog.Exists(permission.GetString()!))
                {
                    yield return ($"$.Roles[{i}].Permissions[{j}]", $"there is no permission '{permission.GetString()}'");
                }
                j++;
            }
            i++;
        }
    }

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var editor = context.Services.GetRequiredService<RoleEditor>();
        var i = 0;
        foreach (var role in context.Step.GetProperty("Roles").EnumerateArray())
        {
            var description = role.TryGetProperty("Description", out var d) ? d.GetString() : null;
            var permissions = role.GetProperty("Permissions").EnumerateArray().Select(p => p.GetString()!).ToList();
            var errors = await editor.SetAsync(role.GetProperty("Name").GetString()!, description, permissions);
            if (errors.Count > 0)
            {
                throw new RecipeStepException($"$.Roles[{i}]", string.Join(" ", errors));
            }
            i++;
        }
    }
}
