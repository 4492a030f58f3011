using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Navigation;

/// <summary>One entry in the admin navigation. Url is relative to the tenant ("/admin/users").</summary>
public sealed record AdminMenuItem(string Title, string Url, string? Permission, string? Feature, int Position)
{
    public bool HostOnly { get; init; }
    public bool SchoolOnly { get; init; }
}

/// <summary>A module's contribution to the admin navigation.</summary>
public interface IAdminMenu
{
    IEnumerable<AdminMenuItem> Items { get; }
}

/// <summary>The entries this user sees: feature enabled for the tenant and permission held.</summary>
public sealed class AdminNavigation(IEnumerable<IAdminMenu> menus, TenantContext tenant, IAuthorizationService authorization)
{
    private readonly AdminMenuItem[] _items = menus.SelectMany(m => m.Items).OrderBy(i => i.Position).ToArray();

    public async Task<IReadOnlyList<AdminMenuItem>> VisibleToAsync(ClaimsPrincipal user)
    {
        var visible = new List<AdminMenuItem>();
        foreach (var item in _items)
        {
            if ((item.HostOnly && !tenant.IsHost) || (item.SchoolOnly && tenant.IsHost))
            {
                continue;
            }
            if (item.Feature is not null && !tenant.Shell.IsEnabled(item.Feature))
            {
                continue;
            }
            if (item.Permission is not null
                && !(await authorization.AuthorizeAsync(user, PermissionRequirement.Policy(item.Permission))).Succeeded)
            {
                continue;
            }
            visible.Add(item);
        }
        return visible;
    }
}

/// <summary>A count shown in the admin header (for example tasks waiting for this user).</summary>
public sealed record AdminBadge(string Text, string Url, int Count);

public interface IAdminBadges
{
    Task<AdminBadge?> ForAsync(ClaimsPrincipal user);
}

/// <summary>A notice at the top of every admin page until dealt with (for example a policy to acknowledge).</summary>
public sealed record AdminBanner(string Text, string Url);

public interface IAdminBanners
{
    Task<IReadOnlyList<AdminBanner>> ForAsync(ClaimsPrincipal user);
}
