using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Events;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Policies.Models;

namespace SchoolSite.Policies.Services;

/// <summary>
/// Checks a policy's fields when it is saved, and when a version is published decides whether staff
/// must acknowledge it again: yes for every new version that requires it, unless it is published as a
/// minor correction with a reason.
/// </summary>
public sealed class PolicyHandler(PoliciesDbContext db, TimeProvider time, SchoolEvents events) : IContentHandler
{
    public Task UpdatingAsync(UpdateContentContext context)
    {
        if (context.Item.ContentType == PolicyFields.Type)
        {
            if (PolicyFields.Text(context.Item, "Audience") is { } audience && audience is not (PolicyFields.Public or PolicyFields.Staff))
            {
                context.AddError("PolicyPage.Audience", "The audience is Public or Staff.");
            }
            if (PolicyFields.Flag(context.Item, "MinorCorrection") && PolicyFields.Text(context.Item, "MinorCorrectionReason") is null)
            {
                context.AddError("PolicyPage.MinorCorrectionReason", "Say why this correction does not need staff to acknowledge the policy again.");
            }
        }
        return Task.CompletedTask;
    }


    public async Task PublishedAsync(PublishContentContext context)
    {
        if (context.Item.ContentType != PolicyFields.Type)
        {
            return;
        }
        var item = context.Item;
        var row = await db.Versions.FirstOrDefaultAsync(v => v.ContentItemId == item.ContentItemId);
        var requires = PolicyFields.Flag(item, "RequiresAcknowledgement");
        var minor = row is not null && PolicyFields.Flag(item, "MinorCorrection") && PolicyFields.Text(item, "MinorCorrectionReason") is not null;
        if (row is null)
        {
            row = new PolicyVersion { ContentItemId = item.ContentItemId, ContentItemVersionId = item.ContentItemVersionId, Number = 0 };
            db.Versions.Add(row);
        }
        if (!minor)
        {
            row.Number++;
        }
        row.ContentItemVersionId = item.ContentItemVersionId;
        row.Label = PolicyFields.Text(item, "VersionLabel");
        row.RequiresAcknowledgement = requires;
        row.PublishedUtc = time.GetUtcNow().UtcDateTime;
        await events.CommitAsync(db, new PolicyRecorded(item.ContentItemId, context.Actor.Name, minor ? "published-correction" : "published-version",
            minor ? $"{item.DisplayText}: minor correction to version {row.Number}, no new acknowledgement ({PolicyFields.Text(item, "MinorCorrectionReason")})"
                  : $"{item.DisplayText}: version {row.Number}{(requires ? ", to be acknowledged by all staff" : "")}"));
    }
}

/// <summary>Staff-only policies: signed-in users of this school with ViewStaffPolicies see them; to anyone else they do not exist.</summary>
public sealed class PolicyRestrictions(ContentQueries content, TenantContext tenant, IAuthorizationService authorization)
    : IRestrictedContent, ISchoolEventHandler<ContentPublished>, ISchoolEventHandler<ContentUnpublished>, ISchoolEventHandler<ContentRemoved>
{
    private sealed record Ids(IReadOnlySet<string> Set);

    // Before the pages are evicted: they are rendered again knowing which policies are staff-only.
    public int Order => -100;

    public Task HandleAsync(IReadOnlyList<ContentPublished> events, CancellationToken cancellationToken) => ForgetAsync(events.Select(e => e.ContentType));

    public Task HandleAsync(IReadOnlyList<ContentUnpublished> events, CancellationToken cancellationToken) => ForgetAsync(events.Select(e => e.ContentType));

    public Task HandleAsync(IReadOnlyList<ContentRemoved> events, CancellationToken cancellationToken) => ForgetAsync(events.Select(e => e.ContentType));

    private Task ForgetAsync(IEnumerable<string> types)
    {
        if (types.Contains(PolicyFields.Type))
        {
            tenant.Shell.Evict<Ids>();
        }
        return Task.CompletedTask;
    }

    public async Task<IReadOnlySet<string>> RestrictedIdsAsync()
        => (await tenant.Shell.GetOrLoadAsync(async () => new Ids((await content.PublishedAsync([PolicyFields.Type], 1, 500)).Items
            .Where(i => PolicyFields.Text(i, "Audience") == PolicyFields.Staff).Select(i => i.ContentItemId).ToHashSet()))).Set;

    public async Task<bool> MayViewAsync(ClaimsPrincipal user, ContentItem item)
        => item.ContentType != PolicyFields.Type
           || (user.Identity?.IsAuthenticated == true && (await authorization.AuthorizeAsync(user, PermissionRequirement.Policy(Permissions.ViewStaffPolicies))).Succeeded);
}

/// <summary>
/// On every admin page until dealt with: policies this person still has to acknowledge, and, for a
/// policy's owner and the headteacher, policies whose review is due or overdue.
/// </summary>
public sealed class PolicyBanners(PolicyBook book, TenantContext tenant) : IAdminBanners
{
    public async Task<IReadOnlyList<AdminBanner>> ForAsync(ClaimsPrincipal user)
    {
        if (tenant.IsHost || !tenant.Shell.IsEnabled(Manifest.PoliciesFeature) || user.FindFirstValue(ClaimTypes.NameIdentifier) is not { } me)
        {
            return [];
        }
        var banners = new List<AdminBanner>();
        var published = await book.PublishedAsync();
        var outstanding = await book.OutstandingForAsync(me, published);
        if (outstanding.Count > 0)
        {
            banners.Add(new AdminBanner($"Please read and acknowledge: {string.Join(", ", outstanding.Select(p => p.Title))}.", "/admin/policies/mine"));
        }
        var email = user.FindFirstValue(ClaimTypes.Email) ?? user.Identity?.Name;
        var head = user.IsInRole(Roles.Headteacher);
        foreach (var policy in published)
        {
            var status = book.StatusOf(policy);
            var mine = head || (policy.Owner is not null && string.Equals(policy.Owner, email, StringComparison.OrdinalIgnoreCase));
            if (mine && status != ReviewStatus.Current)
            {
                banners.Add(new AdminBanner($"'{policy.Title}' {(status == ReviewStatus.Overdue ? "is overdue for review" : "is due for review")} (review date {policy.NextReview:d MMMM yyyy}).",
                    "/admin/policies"));
            }
        }
        return banners;
    }
}
