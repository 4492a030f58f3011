namespace SchoolSite.Core.Events;

/// <summary>The school's settings were saved: every page shows its name and branding.</summary>
public sealed record SettingsChanged : ISchoolEvent;
