using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Settings;

namespace SchoolSite.Core.Recipes.Steps;

/// <summary>
/// Orchard's "settings" step: any module's settings by name ("SiteName", "Branding": { … },
/// "PrivacyCheckBlocksPublishing"…). Only what the step names changes; each section is checked by its own rules.
/// </summary>
public sealed class SettingsStep(SettingsSections sections) : IRecipeStepHandler
{
    public string Name => "settings";

    public string Schema => sections.RecipeSchema;

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var store = context.Services.GetRequiredService<SettingsStore>();
        var document = context.Services.GetRequiredService<Tenancy.TenantContext>().Shell.Document;
        var changed = new List<object>();
        foreach (var section in sections.All)
        {
            if (SettingsSections.Merge(section, document.Get(section.Type), context.Step) is not { } value)
            {
                continue;
            }
            if (SettingsSections.Validate(value, context.Services).FirstOrDefault() is { } error)
            {
                throw new RecipeStepException("$." + error.Path, error.Message);
            }
            changed.Add(value);
        }
        await store.SaveAsync(changed, "recipe", cancellationToken);
    }
}
