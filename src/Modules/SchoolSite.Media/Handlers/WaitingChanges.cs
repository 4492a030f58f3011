using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Services;

namespace SchoolSite.Media.Handlers;

/// <summary>Until a change that would show a picture more widely is confirmed, the people who can confirm it see it on every admin page.</summary>
public sealed class WaitingChangesBanner(MediaPictures pictures, TenantContext tenant, IAuthorizationService authorization) : IAdminBanners
{
    public async Task<IReadOnlyList<AdminBanner>> ForAsync(ClaimsPrincipal user)
    {
        if (tenant.IsHost || !tenant.Shell.IsEnabled(Manifest.MediaFeature)
            || !(await authorization.AuthorizeAsync(user, PermissionRequirement.Policy(Permissions.ConfirmPictures))).Succeeded)
        {
            return [];
        }
        var me = user.FindFirstValue(ClaimTypes.NameIdentifier);
        var count = (await pictures.ProposalsAsync()).Count(p => p.Proposal!.ById != me);
        return count == 0 ? [] :
        [
            new AdminBanner($"{count} change{(count == 1 ? "" : "s")} to pictures or documents {(count == 1 ? "waits" : "wait")} for you to confirm or turn down.",
                "/admin/media/confirm"),
        ];
    }
}

/// <summary>On the editor and the review screen: a picture in the item has a change waiting, which signing the item off would confirm.</summary>
public sealed class WaitingChangesChecker(MediaPictures pictures) : IContentChecker
{
    public async Task<IReadOnlyList<ContentCheck>> CheckAsync(ContentItem item, ContentTypeDefinition type, ContentDefinitionSet definitions)
    {
        var checks = new List<ContentCheck>();
        foreach (var id in ContentPictures.In(item, definitions, type).Select(p => p.MediaId).Distinct())
        {
            if (await pictures.FindAsync(id) is { Proposal: { } proposal } media)
            {
                var change = proposal.NoIdentifiablePeople ? "nobody in it can be identified" : "someone is taken out of it";
                checks.Add(new ContentCheck($"'{media.Name}'", CheckSeverity.Warning,
                    $"{proposal.ByName} asked for a change that would show it more widely ({change}{(proposal.Reason is { } why ? $": “{why}”" : "")}). " +
                    "It is treated as before until a colleague with the consent permission confirms it; signing off this item confirms it.", null, id));
            }
        }
        return checks;
    }
}
