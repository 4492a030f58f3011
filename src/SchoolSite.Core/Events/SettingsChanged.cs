namespace SchoolSite.Core.Events;

/// <summary>
/// One section of the school's settings was saved with changes (every page shows its name and branding, and some
/// settings decide how safe the site is: two-factor sign-in for staff, what the privacy check stops, emergency
/// publishing). <see cref="Before"/> and <see cref="After"/> list each changed setting with its value; a secret's
/// value is never written, only that it changed.
/// </summary>
public sealed record SettingsChanged(string Section, string Actor, IReadOnlyList<string> Fields, string Before, string After) : IAuditedEvent, Cluster.IShellChange
{
    public AuditEntry Audit => new(Actor, "settings", "changed", "settings:" + Section, Before, After);
}
