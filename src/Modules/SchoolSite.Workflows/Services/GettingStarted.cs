using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Workflows.Services;

/// <summary>One thing a new school does in its first days, whether it is done, and where to do it.</summary>
public sealed record StartingStep(string Text, bool Done, string Url, string Why);

/// <summary>
/// The dashboard's "getting started" list: the colleagues review needs, the details visitors look for and the privacy
/// notice every school must check. Each step is worked out from the school as it is, so it ticks itself off.
/// </summary>
public sealed class GettingStarted(Colleagues colleagues, ContentQueries queries, ContentManager content, TenantContext tenant, IAuthorizationService authorization)
{
    /// <summary>The settings this list reads, by the names the settings page and recipes use (the public site's section).</summary>
    private sealed record SiteDetails
    {
        public ContactDetails Contact { get; init; } = new();
        public LogoDetails Branding { get; init; } = new();
    }

    private sealed record ContactDetails(string? Address = null, string? Phone = null, string? Email = null);

    /// <summary>The logo: a picture chosen from the media library (<c>Logo</c>), or an address an older recipe gave.</summary>
    private sealed record LogoDetails(string? Logo = null, string? LogoUrl = null);

    /// <summary>The steps, or none for someone who cannot act on them (they need to manage users or settings).</summary>
    public async Task<IReadOnlyList<StartingStep>> StepsAsync(ClaimsPrincipal user)
    {
        if (tenant.IsHost || !await MayAsync(user, Users.Permissions.ManageUsers) && !await MayAsync(user, CorePermissions.ManageSettings))
        {
            return [];
        }
        var details = tenant.Shell.Section<SiteDetails>();
        var steps = new List<StartingStep>
        {
            new("Add an editor", (await colleagues.NamesInAsync([Roles.Editor], [])).Count > 0, "/admin/users",
                "An editor checks colleagues' work before it is published."),
            new("Add a senior leader", (await colleagues.NamesInAsync([Roles.SeniorLeader, Roles.Headteacher], [])).Count > 0, "/admin/users",
                "A senior leader (or the headteacher) signs off news and galleries, and anything about pupils."),
            new("Set the school's contact details",
                !string.IsNullOrWhiteSpace(details.Contact.Address) || !string.IsNullOrWhiteSpace(details.Contact.Phone) || !string.IsNullOrWhiteSpace(details.Contact.Email),
                "/admin/settings", "They appear on the contact page and at the foot of every page."),
            new("Upload a logo", !string.IsNullOrWhiteSpace(details.Branding.Logo) || !string.IsNullOrWhiteSpace(details.Branding.LogoUrl), "/admin/logo",
                "It appears at the top of every page."),
        };
        var (paths, _) = await queries.AddressesAsync();
        var privacy = paths.FirstOrDefault(p => p.Path == "privacy-notice");
        var latest = privacy is null ? null : await content.GetAsync(privacy.ContentItemId, VersionOption.Latest);
        // The recipe's wording is a template: the step is done once someone at the school has saved the notice.
        steps.Add(latest is null
            ? new StartingStep("Write a privacy notice", false, "/admin/content/new/Page", "Every school website needs one, at the address /privacy-notice.")
            : new StartingStep("Review the privacy notice", latest.Owner is not null || latest.Author is not (null or "system"), $"/admin/content/{latest.ContentItemId}",
                "It starts from the trust's template: check it says what your school does."));
        return steps;
    }

    private async Task<bool> MayAsync(ClaimsPrincipal user, string permission)
        => (await authorization.AuthorizeAsync(user, PermissionRequirement.Policy(permission))).Succeeded;
}
