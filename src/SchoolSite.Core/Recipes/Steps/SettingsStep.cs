using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Settings;

namespace SchoolSite.Core.Recipes.Steps;

/// <summary>Orchard's "settings" step, with the school's settings: name, clock, school year, branding, contact.</summary>
public sealed class SettingsStep : IRecipeStepHandler
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public string Name => "settings";

    public string Schema => """
    {
      "type": "object",
      "properties": {
        "name": { "type": "string" },
        "SiteName": { "type": "string", "minLength": 1, "maxLength": 200 },
        "TimeZone": { "type": "string", "minLength": 1 },
        "SchoolYearStartDay": { "type": "integer", "minimum": 1, "maximum": 31 },
        "SchoolYearStartMonth": { "type": "integer", "minimum": 1, "maximum": 12 },
        "RequireTwoFactorForStaff": { "type": "boolean" },
        "PrivacyCheckBlocksPublishing": { "type": "boolean" },
        "EmergencyPublishEnabled": { "type": "boolean" },
        "ReviewReminderSchoolDays": { "type": "integer", "minimum": 1, "maximum": 30 },
        "PolicyReminderSchoolDays": { "type": "integer", "minimum": 1, "maximum": 60 },
        "PictureCacheSeconds": { "type": "integer", "minimum": 0, "maximum": 3600 },
        "Branding": {
          "type": "object",
          "properties": {
            "LogoUrl": { "type": "string", "pattern": "^(https?://\\S+|/[^/\\s]\\S*)$" },
            "PrimaryColour": { "type": "string", "pattern": "^#[0-9a-fA-F]{6}$" },
            "SecondaryColour": { "type": "string", "pattern": "^#[0-9a-fA-F]{6}$" }
          },
          "additionalProperties": false
        },
        "Contact": {
          "type": "object",
          "properties": {
            "Address": { "type": "string" },
            "Phone": { "type": "string" },
            "Email": { "type": "string" }
          },
          "additionalProperties": false
        }
      },
      "additionalProperties": false
    }
    """;

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var store = context.Services.GetRequiredService<SiteSettingsStore>();
        var step = context.Step;
        var settings = store.Current;
        if (step.TryGetProperty("SiteName", out var siteName))
        {
            settings = settings with { SiteName = siteName.GetString()! };
        }
        if (step.TryGetProperty("TimeZone", out var timeZone))
        {
            var id = timeZone.GetString()!;
            if (!TimeZoneInfo.TryFindSystemTimeZoneById(id, out _))
            {
                throw new RecipeStepException("$.TimeZone", $"'{id}' is not a known time zone (expected an IANA name such as Europe/London)");
            }
            settings = settings with { TimeZone = id };
        }
        if (step.TryGetProperty("SchoolYearStartDay", out var day))
        {
            settings = settings with { SchoolYearStartDay = day.GetInt32() };
        }
        if (step.TryGetProperty("SchoolYearStartMonth", out var month))
        {
            settings = settings with { SchoolYearStartMonth = month.GetInt32() };
        }
        if (settings.SchoolYearStartDay > DateTime.DaysInMonth(2023, settings.SchoolYearStartMonth))
        {
            throw new RecipeStepException("$.SchoolYearStartDay", $"month {settings.SchoolYearStartMonth} has no day {settings.SchoolYearStartDay}");
        }
        if (step.TryGetProperty("RequireTwoFactorForStaff", out var twoFactor))
        {
            settings = settings with { RequireTwoFactorForStaff = twoFactor.GetBoolean() };
        }
        if (step.TryGetProperty("PrivacyCheckBlocksPublishing", out var blocks))
        {
            settings = settings with { PrivacyCheckBlocksPublishing = blocks.GetBoolean() };
        }
        if (step.TryGetProperty("EmergencyPublishEnabled", out var emergency))
        {
            settings = settings with { EmergencyPublishEnabled = emergency.GetBoolean() };
        }
        if (step.TryGetProperty("ReviewReminderSchoolDays", out var reviewDays))
        {
            settings = settings with { ReviewReminderSchoolDays = reviewDays.GetInt32() };
        }
        if (step.TryGetProperty("PolicyReminderSchoolDays", out var policyDays))
        {
            settings = settings with { PolicyReminderSchoolDays = policyDays.GetInt32() };
        }
        if (step.TryGetProperty("PictureCacheSeconds", out var seconds))
        {
            settings = settings with { PictureCacheSeconds = seconds.GetInt32() };
        }
        if (step.TryGetProperty("Branding", out var branding))
        {
            settings = settings with { Branding = Merge(settings.Branding, branding) };
        }
        if (step.TryGetProperty("Contact", out var contact))
        {
            settings = settings with { Contact = Merge(settings.Contact, contact) };
        }
        await store.SaveAsync(settings, cancellationToken);
    }

    /// <summary>Only the properties the recipe names change; the rest keep their values.</summary>
    private static T Merge<T>(T current, JsonElement changes)
    {
        var node = JsonSerializer.SerializeToNode(current, Json)!.AsObject();
        foreach (var property in changes.EnumerateObject())
        {
            node[JsonNamingPolicy.CamelCase.ConvertName(property.Name)] = System.Text.Json.Nodes.JsonNode.Parse(property.Value.GetRawText());
        }
        return node.Deserialize<T>(Json)!;
    }
}
