using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Models;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>
/// Tells people what is waiting for them: an in-app notification (the "My tasks" list) and an e-mail,
/// queued and sent in the background so that a slow or failing mail server never holds up a transition.
/// </summary>
public sealed class Notifier(WorkflowDbContext db, UserManager<SchoolUser> users, RoleManager<SchoolRole> roles, IRolePermissions grants,
    MailOutbox outbox, TenantContext tenant, TimeProvider time)
{
    public async Task TransitionAsync(ContentItem item, WorkflowDefinition definition, TransitionDefinition transition, WorkflowInstance instance,
        ContentActor actor, string? comment)
    {
        var authors = new[] { instance.SubmittedBy, item.Owner }.OfType<string>().Distinct().Where(a => a != actor.UserId).ToList();
        var title = $"'{item.DisplayText}'";
        switch (transition.Effect)
        {
            case TransitionEffect.Return:
                await ToUsersAsync(authors, "changes-requested", item, $"Changes requested: {title}",
                    $"{actor.UserName} asked for changes to {title}: {comment}");
                break;
            case TransitionEffect.Approve:
                await ToUsersAsync(authors, "approved", item, $"Signed off: {title}", $"{actor.UserName} signed off {title}. It can now be published.");
                if (definition.NotifyDpoOnApproval)
                {
                    await ToRolesAsync([Roles.DataProtectionOfficer], [], "dpo-sign-off", item, $"Social media sign-off: {title}",
                        $"{actor.UserName} signed off {title} for the school's social media. You are told as the data protection officer.");
                }
                break;
            case TransitionEffect.Publish:
                await ToUsersAsync(authors, "published", item, $"Published: {title}", $"{title} is now on the school's website.");
                break;
        }
        // Whoever can take the next step is told it is waiting for them (never the people the rules exclude).
        foreach (var next in definition.Transitions.Where(t => t.From.Contains(instance.State) && t.Effect is TransitionEffect.Check or TransitionEffect.Approve))
        {
            var excluded = instance.EditorIds.Append(next.Rules.Contains("not-checker") ? instance.CheckedBy : null).OfType<string>().ToList();
            var kind = next.Effect == TransitionEffect.Check ? "check" : "sign-off";
            var subject = next.Effect == TransitionEffect.Check ? $"Please check {title}" : $"Please sign off {title}";
            if (next.Permission is { } permission)
            {
                await ToPermissionAsync(permission, excluded, kind, item, subject, $"{title} is waiting for you: {next.DisplayName}.");
            }
            if (next.Roles.Count > 0)
            {
                await ToRolesAsync(next.Roles, excluded, kind, item, subject, $"{title} is waiting for you: {next.DisplayName}.");
            }
        }
        await SaveAsync();
    }

    public async Task ToRolesAsync(IEnumerable<string> roleNames, IReadOnlyCollection<string> excluded, string kind, ContentItem? item, string subject, string message)
    {
        var people = new List<SchoolUser>();
        foreach (var role in roleNames)
        {
            people.AddRange(await users.GetUsersInRoleAsync(role));
        }
        Add(people.Where(u => !excluded.Contains(u.Id)), kind, item, subject, message);
    }

    public async Task ToPermissionAsync(string permission, IReadOnlyCollection<string> excluded, string kind, ContentItem? item, string subject, string message)
    {
        var granted = new List<string>();
        foreach (var role in await roles.Roles.Select(r => r.Name!).ToListAsync())
        {
            if (await grants.GrantsAsync([role], permission))
            {
                granted.Add(role);
            }
        }
        await ToRolesAsync(granted, excluded, kind, item, subject, message);
    }

    public async Task ToUsersAsync(IEnumerable<string> userIds, string kind, ContentItem? item, string subject, string message)
    {
        var ids = userIds.ToList();
        Add(await users.Users.Where(u => ids.Contains(u.Id)).ToListAsync(), kind, item, subject, message);
        await SaveAsync();
    }

    private void Add(IEnumerable<SchoolUser> people, string kind, ContentItem? item, string subject, string message)
    {
        var now = time.GetUtcNow().UtcDateTime;
        foreach (var user in people.Where(u => !u.IsDisabled).DistinctBy(u => u.Id))
        {
            if (db.Notifications.Local.Any(n => n.UserId == user.Id && n.Kind == kind && n.ContentItemId == item?.ContentItemId && n.Id == 0))
            {
                continue;
            }
            db.Notifications.Add(new Notification
            {
                UserId = user.Id, Kind = kind, ContentItemId = item?.ContentItemId, Subject = subject, Message = message, CreatedUtc = now,
                Email = user.Email, NextEmailAttemptUtc = user.Email is null ? null : now,
            });
        }
    }

    public Task FlushAsync() => SaveAsync();

    private async Task SaveAsync()
    {
        if (db.ChangeTracker.Entries<Notification>().Any(e => e.State == EntityState.Added))
        {
            await db.SaveChangesAsync();
            outbox.Kick(tenant.Tenant.Name);
        }
    }
}
