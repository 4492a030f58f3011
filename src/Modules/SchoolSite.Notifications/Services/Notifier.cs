using SchoolSite.Core.Jobs;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Notifications.Models;
using SchoolSite.Users.Models;

namespace SchoolSite.Notifications.Services;

/// <summary>
/// Tells people what is waiting for them: an in-app notification (the "My tasks" list) and an e-mail,
/// queued and sent in the background so that a slow or failing mail server never holds up the work.
/// Disabled accounts are never told anything.
/// </summary>
public sealed class Notifier(NotificationsDbContext db, UserManager<SchoolUser> users, RoleManager<SchoolRole> roles, IRolePermissions grants,
    MailOutbox outbox, TenantContext tenant, TimeProvider time, JobAlarms alarms)
{
    public async Task ToRolesAsync(IEnumerable<string> roleNames, IReadOnlyCollection<string> excluded, string kind, string? contentItemId, string subject, string message)
    {
        var people = new List<SchoolUser>();
        foreach (var role in roleNames)
        {
            people.AddRange(await users.GetUsersInRoleAsync(role));
        }
        Add(people.Where(u => !excluded.Contains(u.Id)), kind, contentItemId, subject, message);
    }

    /// <summary>Everyone whose roles hold <paramref name="permission"/>, except <paramref name="excluded"/>.</summary>
    public async Task ToPermissionAsync(string permission, IReadOnlyCollection<string> excluded, string kind, string? contentItemId, string subject, string message)
    {
        var granted = new List<string>();
        foreach (var role in await roles.Roles.Select(r => r.Name!).ToListAsync())
        {
            if (await grants.GrantsAsync([role], permission))
            {
                granted.Add(role);
            }
        }
        await ToRolesAsync(granted, excluded, kind, contentItemId, subject, message);
    }

    public async Task ToUsersAsync(IEnumerable<string> userIds, string kind, string? contentItemId, string subject, string message)
    {
        var ids = userIds.ToList();
        Add(await users.Users.Where(u => ids.Contains(u.Id)).ToListAsync(), kind, contentItemId, subject, message);
        await FlushAsync();
    }

    /// <summary>
    /// Saves what was queued and wakes the mail sender. Mail retries are made due first, so e-mail queued just before the
    /// host stops is still sent, even if nobody uses the school again.
    /// </summary>
    public async Task FlushAsync()
    {
        var added = db.ChangeTracker.Entries<Notification>().Where(e => e.State == EntityState.Added).ToList();
        if (added.Count > 0)
        {
            if (added.Any(e => e.Entity.Email is not null))
            {
                await alarms.WakeAsync<MailRetries>(tenant.Tenant.Name, time.GetUtcNow() + MailRetries.AfterACrash);
            }
            await db.SaveChangesAsync();
            outbox.Kick(tenant.Tenant.Name);
        }
    }

    /// <summary>The newest notifications for a person.</summary>
    public async Task<IReadOnlyList<Notification>> ForAsync(string userId, int count)
        => await db.Notifications.AsNoTracking().Where(n => n.UserId == userId).OrderByDescending(n => n.Id).Take(count).ToListAsync();

    public Task<int> UnreadCountAsync(string userId) => db.Notifications.CountAsync(n => n.UserId == userId && n.ReadUtc == null);

    public async Task MarkReadAsync(string userId)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.Notifications.Where(n => n.UserId == userId && n.ReadUtc == null).ExecuteUpdateAsync(s => s.SetProperty(n => n.ReadUtc, now));
    }

    /// <summary>Whether anyone was sent this kind of notification about the item since <paramref name="since"/> (a reminder once per wait).</summary>
    public Task<bool> SentSinceAsync(string kind, string contentItemId, DateTime since)
        => db.Notifications.AnyAsync(n => n.ContentItemId == contentItemId && n.Kind == kind && n.CreatedUtc >= since);

    /// <summary>Who was sent this kind of notification about the item after <paramref name="since"/>.</summary>
    public async Task<IReadOnlyList<string>> RecipientsSinceAsync(string kind, string contentItemId, DateTime since)
        => await db.Notifications.AsNoTracking().Where(n => n.Kind == kind && n.ContentItemId == contentItemId && n.CreatedUtc > since)
            .Select(n => n.UserId).ToListAsync();

    private void Add(IEnumerable<SchoolUser> people, string kind, string? contentItemId, string subject, string message)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var user in people.Where(u => !u.IsDisabled).DistinctBy(u => u.Id))
        {
            if (db.Notifications.Local.Any(n => n.UserId == user.Id && n.Kind == kind && n.ContentItemId == contentItemId && n.Id == 0))
            {
                continue;
            }
            db.Notifications.Add(new Notification
            {
                UserId = user.Id, Kind = kind, ContentItemId = contentItemId, Subject = subject, Message = message, CreatedUtc = now,
                Email = user.Email, NextEmailAttemptUtc = user.Email is null ? null : now,
            });
        }
    }
}
