using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Settings;

/// <summary>Reads and saves the current tenant's settings; readers use the shell's in-memory copy.</summary>
public sealed class SiteSettingsStore(SiteDbContext db, TenantContext tenant, IEnumerable<ISiteSettingsObserver> observers)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public SiteSettings Current => tenant.Shell.Settings;

    public static async Task<SiteSettings> LoadAsync(SiteDbContext db, CancellationToken cancellationToken = default)
    {
        var record = await db.SiteSettings.AsNoTracking().FirstOrDefaultAsync(s => s.Id == 1, cancellationToken);
        return record is null ? new SiteSettings() : JsonSerializer.Deserialize<SiteSettings>(record.Json, Json) ?? new SiteSettings();
    }

    public async Task SaveAsync(SiteSettings settings, CancellationToken cancellationToken = default)
    {
        var json = JsonSerializer.Serialize(settings, Json);
        var record = await db.SiteSettings.FirstOrDefaultAsync(s => s.Id == 1, cancellationToken);
        if (record is null)
        {
            db.SiteSettings.Add(new SiteSettingsRecord { Id = 1, Json = json });
        }
        else
        {
            record.Json = json;
        }
        await db.SaveChangesAsync(cancellationToken);
        tenant.Shell.ReplaceSettings(settings);
        foreach (var observer in observers)
        {
            await observer.SettingsChangedAsync();
        }
    }
}
