using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Consent.Models;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Data;
using SchoolSite.Core.Recipes;

namespace SchoolSite.Consent.Recipes;

/// <summary>"People": people for the register with this school year's answers (demo and test schools; real schools import their MIS export).</summary>
public sealed class PeopleStep : IRecipeStepHandler
{
    public string Name => "People";

    public string Schema => """
    {
      "type": "object",
      "required": ["People"],
      "properties": {
        "name": { "type": "string" },
        "People": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["ExternalId", "FirstName", "LastName"],
            "properties": {
              "ExternalId": { "type": "string", "minLength": 1, "maxLength": 64 },
              "Kind": { "enum": ["Pupil", "Staff"] },
              "FirstName": { "type": "string", "minLength": 1, "maxLength": 100 },
              "LastName": { "type": "string", "minLength": 1, "maxLength": 100 },
              "PreferredFirstName": { "type": "string", "maxLength": 100 },
              "YearGroup": { "type": "string", "maxLength": 40 },
              "ClassName": { "type": "string", "maxLength": 40 },
              "NeverPublish": { "type": "boolean" },
              "Left": { "type": "boolean" },
              "Consents": { "type": "object", "additionalProperties": { "enum": ["Granted", "Refused", "Objected"] } }
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
        var register = context.Services.GetRequiredService<PeopleRegister>();
        var purposes = await register.Db.Purposes.AsNoTracking().ToDictionaryAsync(p => p.Name, cancellationToken);
        var index = 0;
        foreach (var entry in context.Step.GetProperty("People").EnumerateArray())
        {
            var at = $"$.People[{index++}]";
            string? Text(string name) => entry.TryGetProperty(name, out var value) ? value.GetString() : null;
            var externalId = Text("ExternalId")!;
            if (await register.MisIdClashAsync(externalId) is { } clash)
            {
                throw new RecipeStepException($"{at}.ExternalId", clash);
            }
            var person = new Person
            {
                Id = IdGenerator.New(),
                ExternalId = externalId,
                Kind = Text("Kind") == "Staff" ? PersonKind.Staff : PersonKind.Pupil,
                LegalFirstName = Text("FirstName")!,
                LegalLastName = Text("LastName")!,
                PreferredFirstName = Text("PreferredFirstName"),
                YearGroup = Text("YearGroup"),
                ClassName = Text("ClassName"),
                NeverPublish = entry.TryGetProperty("NeverPublish", out var never) && never.GetBoolean(),
                Status = entry.TryGetProperty("Left", out var left) && left.GetBoolean() ? PersonStatus.Left : PersonStatus.OnRoll,
            };
            await register.AddAsync(person, "recipe");
            if (!entry.TryGetProperty("Consents", out var consents))
            {
                continue;
            }
            foreach (var consent in consents.EnumerateObject())
            {
                if (!purposes.TryGetValue(consent.Name, out var purpose))
                {
                    throw new RecipeStepException($"{at}.Consents.{consent.Name}", $"there is no consent purpose '{consent.Name}' (add it with the ConsentPurposes step first)");
                }
                var status = Enum.Parse<ConsentStatus>(consent.Value.GetString()!);
                if (status == ConsentStatus.Objected && purpose.LawfulBasis == "consent")
                {
                    throw new RecipeStepException($"{at}.Consents.{consent.Name}", $"'{consent.Name}' relies on consent: use Granted or Refused");
                }
                await register.RecordConsentAsync(person, purpose, status, "recipe", "paper form", null, "recipe");
            }
        }
    }
}
