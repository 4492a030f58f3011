using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SchoolSite.Contents.Models;
using SchoolSite.Core.Security;

namespace SchoolSite.Contents.Services;

public enum ContentAction
{
    Edit,
    Publish,
    Delete,
    Preview,
}

/// <summary>Orchard's rule: the "Own" permission covers items the user owns, the plain one every item.</summary>
public sealed class ContentAuthorization(IAuthorizationService authorization)
{
    public async Task<bool> CanAsync(ClaimsPrincipal user, ContentAction action, ContentItem? item)
    {
        var (any, own) = action switch
        {
            ContentAction.Edit => (Permissions.EditContent, Permissions.EditOwnContent),
            ContentAction.Publish => (Permissions.PublishContent, Permissions.PublishOwnContent),
            ContentAction.Delete => (Permissions.DeleteContent, (string?)null),
            _ => (Permissions.PreviewContent, (string?)null),
        };
        if (await HasAsync(user, any))
        {
            return true;
        }
        var isOwner = item is null || item.Owner == user.FindFirstValue(ClaimTypes.NameIdentifier);
        return own is not null && isOwner && await HasAsync(user, own);
    }

    private async Task<bool> HasAsync(ClaimsPrincipal user, string permission)
        => (await authorization.AuthorizeAsync(user, PermissionRequirement.Policy(permission))).Succeeded;
}
