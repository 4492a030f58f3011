using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Navigation;

/// <summary>
/// One entry in the admin navigation. Url is relative to the tenant ("/admin/users"). Group says under which heading
/// it is listed (<see cref="AdminGroups"/>); an entry without one (the dashboard) stands on its own at the top.
/// </summary>
public sealed record AdminMenuItem(string Title, string Url, string? Permission, string? Feature, int Position)
{
    public bool HostOnly { get; init; }
    public bool SchoolOnly { get; init; }
    public string? Group { get; init; }
}

/// <summary>A module's contribution to the admin navigation.</summary>
public interface IAdminMenu
{
    IEnumerable<AdminMenuItem> Items { get; }
}

/// <summary>A heading of the admin navigation and the entries under it that this user sees.</summary>
public sealed record AdminMenuGroup(string Title, IReadOnlyList<AdminMenuItem> Items);

/// <summary>The entries this user sees: feature enabled for the tenant and permission held.</summary>
public sealed class AdminNavigation(IEnumerable<IAdminMenu> menus, TenantContext tenant, IAuthorizationService authorization)
{
    private readonly AdminMenuItem[] _items = menus.SelectMany(m => m.Items).OrderBy(i => i.Position).ToArray();

    // The layout and the dashboard both ask in one request: decide once per user.
    private (ClaimsPrincipal User, IReadOnlyList<AdminMenuItem> Items)? _visible;

    public async Task<IReadOnlyList<AdminMenuItem>> VisibleToAsync(ClaimsPrincipal user)
    {
        if (_visible is { } known && ReferenceEquals(known.User, user))
        {
            return known.Items;
        }
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
        _visible = (user, visible);
        return visible;
    }

    /// <summary>
    /// The entries this user sees under their headings, in the order of <see cref="AdminGroups.Order"/> (a heading
    /// no module knows comes after those, and one with nothing visible is left out). Entries without a group come first, alone.
    /// </summary>
    public async Task<IReadOnlyList<AdminMenuGroup>> GroupedForAsync(ClaimsPrincipal user)
        => (await VisibleToAsync(user))
            .GroupBy(i => i.Group ?? string.Empty)
            .OrderBy(g => AdminGroups.Rank(g.Key))
            .Select(g => new AdminMenuGroup(g.Key, g.ToList()))
            .ToList();

    /// <summary>
    /// The entry for the page at <paramref name="path"/> (relative to the tenant): the one with that address, else the longest
    /// address it is under ("/admin/content/new/Page" is under Content). A one-segment address ("/admin") counts only exactly.
    /// </summary>
    public static AdminMenuItem? Current(IEnumerable<AdminMenuItem> items, string path)
    {
        path = "/" + path.Trim('/');
        return items.Where(i => path.Equals(i.Url, StringComparison.OrdinalIgnoreCase)
                || (i.Url.Count(c => c == '/') > 1 && path.StartsWith(i.Url.TrimEnd('/') + "/", StringComparison.OrdinalIgnoreCase)))
            .MaxBy(i => i.Url.Length);
    }
}

/// <summary>
/// The headings of the admin navigation, in the words school staff use. A module puts each entry under one
/// (<c>Group = AdminGroups.Content</c> in its AdminMenu.cs). The trust's dashboard uses Schools and Settings.
/// </summary>
public static class AdminGroups
{
    public const string Schools = "Schools";
    public const string Content = "Content";
    public const string PicturesAndPeople = "Pictures and people";
    public const string Policies = "Policies";
    public const string Users = "Users";
    public const string Settings = "Settings";
    public const string Account = "Your account";

    public static readonly IReadOnlyList<string> Order = [Schools, Content, PicturesAndPeople, Policies, Users, Settings, Account];

    /// <summary>Where a heading comes: no heading first, then <see cref="Order"/>, then any other.</summary>
    public static int Rank(string group)
    {
        if (group.Length == 0)
        {
            return -1;
        }
        for (var i = 0; i < Order.Count; i++)
        {
            if (Order[i] == group)
            {
                return i;
            }
        }
        return Order.Count;
    }
}

/// <summary>A count shown in the admin header (for example tasks waiting for this user).</summary>
public sealed record AdminBadge(string Text, string Url, int Count);

public interface IAdminBadges
{
    Task<AdminBadge?> ForAsync(ClaimsPrincipal user);
}

/// <summary>Facts a module states on the dashboard, one sentence each (for example who is responsible for the website).</summary>
public interface IDashboardFacts
{
    Task<IReadOnlyList<string>> ForAsync(ClaimsPrincipal user);
}

/// <summary>A notice at the top of every admin page until dealt with (for example a policy to acknowledge).</summary>
public sealed record AdminBanner(string Text, string Url);

public interface IAdminBanners
{
    Task<IReadOnlyList<AdminBanner>> ForAsync(ClaimsPrincipal user);
}
