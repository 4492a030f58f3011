using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Events;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Site.Models;
using SchoolSite.Site.Services;

namespace SchoolSite.Site.Pages.Admin.Templates;

/// <summary>
/// A school's own version of a template: parsed before it is saved (errors say line and column), and
/// tried once under the limits so an endless loop or a flood of output is refused here, not on the site.
/// </summary>
[SchoolOnly]
[Feature(Manifest.SiteFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ManageTemplates)]
public sealed class EditModel(TemplatesDbContext db, ThemeTemplates templates, ThemeCatalog themes, ThemeRenderer renderer, ViewBuilder views,
    SchoolEvents events) : PageModel
{
    [BindProperty]
    [MaxLength(TextLimits.Template)]
    public string? Source { get; set; }

    public string Name { get; private set; } = string.Empty;
    public bool IsOverridden { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string name)
    {
        if (!ThemeTemplates.Names.Contains(name))
        {
            return NotFound();
        }
        Name = name;
        var own = await db.Templates.AsNoTracking().FirstOrDefaultAsync(t => t.Name == name);
        IsOverridden = own is not null;
        Source = own?.Source ?? themes.Source(renderer.Theme, name);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string name)
    {
        if (!ThemeTemplates.Names.Contains(name))
        {
            return NotFound();
        }
        Name = name;
        IsOverridden = await db.Templates.AnyAsync(t => t.Name == name);
        if (!ModelState.IsValid)
        {
            return Page();
        }
        if (string.IsNullOrWhiteSpace(Source))
        {
            ModelState.AddModelError(nameof(Source), "The template is empty.");
            return Page();
        }
        if (!templates.TryParse(Source, out var parsed, out var error))
        {
            ModelState.AddModelError(nameof(Source), $"The template does not parse: {error}");
            return Page();
        }
        try
        {
            var site = await views.SiteAsync(HttpContext);
            await renderer.RenderWithLimitsAsync(parsed!, site, new PageView { Title = "Trial" }, new Dictionary<string, object?>(), body: string.Empty);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            ModelState.AddModelError(nameof(Source), $"The template stopped when it was tried: {ex.Message}");
            return Page();
        }
        var row = await db.Templates.FirstOrDefaultAsync(t => t.Name == name);
        if (row is null)
        {
            db.Templates.Add(new TemplateOverride { Name = name, Source = Source });
        }
        else
        {
            row.Source = Source;
        }
        await events.CommitAsync(db, new TemplatesChanged(name, Actor.Of(User).Name, "template-saved"));
        IsOverridden = true;
        Message = "Saved. The public site uses this version now.";
        return Page();
    }

    public async Task<IActionResult> OnPostResetAsync(string name)
    {
        db.Templates.RemoveRange(await db.Templates.Where(t => t.Name == name).ToListAsync());
        await events.CommitAsync(db, new TemplatesChanged(name, Actor.Of(User).Name, "template-reset"));
        return RedirectToPage(new { name });
    }
}
