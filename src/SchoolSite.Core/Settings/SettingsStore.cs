using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Settings;

/// <summary>
/// Reads and saves the current school's settings; readers use the shell's in-memory copy. Every save goes through
/// here (settings page, recipe, set-up), so here is where each changed section is announced, with who changed what.
/// </summary>
public sealed class SettingsStore(SiteDbContext db, TenantContext tenant, SchoolEvents events, SettingsSections declared)
{
    public SiteSettings Current => tenant.Shell.Settings;

    public static async Task<SettingsDocument> LoadAsync(SiteDbContext db, CancellationToken cancellationToken = default)
    {
        var record = await db.SiteSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == 1, cancellationToken);
        return new SettingsDocument(record?.Json);
    }

    /// <summary>Saves these sections (each a module's settings record) over the school's current settings, as the system.</summary>
    public Task SaveAsync(IReadOnlyCollection<object> sections, CancellationToken cancellationToken = default)
        => SaveAsync(sections, Actor.System.Name, cancellationToken);

    /// <summary>Saves these sections over the school's current settings; <paramref name="actor"/> is named in the audit trail.</summary>
    public async Task SaveAsync(IReadOnlyCollection<object> sections, string actor, CancellationToken cancellationToken = default)
    {
        var before = tenant.Shell.Document;
        var document = before.With(sections);
        var record = await db.SiteSettings.FirstOrDefaultAsync(s => s.Id == 1, cancellationToken);
        if (record is null)
        {
            db.SiteSettings.Add(new SiteSettingsRecord { Id = 1, Json = document.ToJson() });
        }
        else
        {
            record.Json = document.ToJson();
        }
        var changes = SettingsDiff.Between(before, sections, declared.All, actor);
        events.Stage(db, changes);
        await db.SaveChangesAsync(cancellationToken);
        tenant.Shell.ReplaceSettings(document);
        await events.RaiseAsync(changes, cancellationToken);
    }
}
