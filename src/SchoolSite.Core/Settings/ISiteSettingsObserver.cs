namespace SchoolSite.Core.Settings;

/// <summary>Told when the current tenant's settings have been saved (e.g. to evict cached pages).</summary>
public interface ISiteSettingsObserver
{
    Task SettingsChangedAsync();
}
