using System.Collections.Frozen;
using System.Text.Encodings.Web;
using Fluid;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using SchoolSite.Core.Events;
using SchoolSite.Core.Tenancy;
using SchoolSite.Site.Models;

namespace SchoolSite.Site.Services;

/// <summary>
/// Renders a public page: the content template inside the layout, using the school's own version of a
/// template where it has one, else its theme's. A school's template that breaks a limit is logged and the
/// theme's is used instead, so the page is still served.
/// </summary>
public sealed class ThemeRenderer(ThemeTemplates templates, ThemeCatalog themes, TemplatesDbContext db, TenantContext tenant, ILogger<ThemeRenderer> logger)
    : ISchoolEventHandler<TemplatesChanged>
{
    public sealed record Overrides(FrozenDictionary<string, IFluidTemplate> Templates);

    /// <summary>The school's theme (from its settings).</summary>
    public Theme Theme => themes.Find(tenant.Shell.Section<PublicSiteSettings>().Theme) ?? themes.Default;

    public int Order => -100;

    public Task HandleAsync(IReadOnlyList<TemplatesChanged> changes, CancellationToken cancellationToken)
    {
        tenant.Shell.Evict<Overrides>();
        return Task.CompletedTask;
    }

    public async Task<string> RenderPageAsync(string templateName, SiteView site, PageView page, IReadOnlyDictionary<string, object?> values)
    {
        var overrides = (await tenant.Shell.GetOrLoadAsync(LoadAsync)).Templates;
        var theme = Theme;
        var content = await RenderAsync(templateName, theme, overrides, site, page, values, body: null);
        return await RenderAsync("Layout", theme, overrides, site, page, values, content);
    }

    /// <summary>Renders one template with the limits; used by the admin to try a template before saving it.</summary>
    public async Task<string> RenderWithLimitsAsync(IFluidTemplate template, SiteView site, PageView page, IReadOnlyDictionary<string, object?> values, string? body)
    {
        var context = new TemplateContext(templates.Options);
        context.SetValue("Site", site);
        context.SetValue("Page", page);
        if (body is not null)
        {
            context.SetValue("Content", body);
        }
        foreach (var (name, value) in values)
        {
            context.SetValue(name, value);
        }
        await using var writer = new LimitedWriter(ThemeTemplates.MaxOutputCharacters);
        await template.RenderAsync(writer, HtmlEncoder.Default, context);
        return writer.ToString();
    }

    private async Task<string> RenderAsync(string name, Theme theme, FrozenDictionary<string, IFluidTemplate> overrides, SiteView site, PageView page,
        IReadOnlyDictionary<string, object?> values, string? body)
    {
        if (overrides.TryGetValue(name, out var own))
        {
            try
            {
                return await RenderWithLimitsAsync(own, site, page, values, body);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "The {Tenant} template {Template} failed; the theme's template was used.", tenant.Tenant.Name, name);
            }
        }
        return await RenderWithLimitsAsync(themes.Template(theme, name), site, page, values, body);
    }

    private async Task<Overrides> LoadAsync()
    {
        var rows = await db.Templates.AsNoTracking().ToListAsync();
        var parsed = new Dictionary<string, IFluidTemplate>();
        foreach (var row in rows)
        {
            if (templates.TryParse(row.Source, out var template, out _))
            {
                parsed[row.Name] = template!;
            }
        }
        return new Overrides(parsed.ToFrozenDictionary());
    }
}
