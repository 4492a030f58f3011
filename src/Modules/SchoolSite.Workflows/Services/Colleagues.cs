using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Security;
using SchoolSite.Users.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>
/// The school's staff as review needs them: how many there are (a school of one cannot review anything), whether someone
/// is an administrator, and who could take a step, by name, so a refusal can say whom to ask. Disabled accounts never count.
/// </summary>
public sealed class Colleagues(UserManager<SchoolUser> users, RoleManager<SchoolRole> roles, IRolePermissions grants)
{
    /// <summary>The people staff know a role's holders as, in the order a school would ask them.</summary>
    private static readonly IReadOnlyList<(string Role, string Words)> RoleWords =
    [
        (Roles.Editor, "an editor"),
        (Roles.SeniorLeader, "a senior leader"),
        (Roles.Headteacher, "the headteacher"),
        (Roles.DataProtectionOfficer, "the data protection officer"),
        (Roles.Author, "an author"),
        (Roles.Contributor, "a contributor"),
        (Roles.Staff, "a member of staff"),
        (Roles.Administrator, "an administrator"),
    ];

    public Task<int> CountAsync() => users.Users.CountAsync(u => !u.IsDisabled);

    public async Task<bool> IsAdministratorAsync(string? userId)
        => userId is not null && await users.FindByIdAsync(userId) is { IsDisabled: false } user && await users.IsInRoleAsync(user, Roles.Administrator);

    /// <summary>The roles that hold <paramref name="permission"/>, Administrator included (it holds every permission).</summary>
    public async Task<IReadOnlyList<string>> RolesWithAsync(string permission)
    {
        // Once per permission in a request: the task list asks for every refused step of every waiting item.
        if (_rolesWith.TryGetValue(permission, out var known))
        {
            return known;
        }
        var holding = new List<string>();
        foreach (var role in await roles.Roles.Select(r => r.Name!).ToListAsync())
        {
            if (await grants.GrantsAsync([role], permission))
            {
                holding.Add(role);
            }
        }
        _rolesWith[permission] = holding;
        return holding;
    }

    private readonly Dictionary<string, IReadOnlyList<string>> _rolesWith = new(StringComparer.Ordinal);

    /// <summary>"a senior leader or the headteacher", for a set of roles; administrators are named only when no other role would do.</summary>
    public static string Describe(IEnumerable<string> roleNames)
    {
        var set = roleNames.ToHashSet(StringComparer.Ordinal);
        if (set.Count > 1)
        {
            set.Remove(Roles.Administrator);
        }
        var words = RoleWords.Where(r => set.Contains(r.Role)).Select(r => r.Words)
            .Concat(set.Where(r => RoleWords.All(w => w.Role != r)).Order(StringComparer.Ordinal).Select(r => "someone with the role " + r))
            .ToList();
        return words.Count == 0 ? "a colleague" : Join(words, "or");
    }

    /// <summary>The display names of the people in these roles, except <paramref name="excluded"/> (the person asking, the item's authors…).</summary>
    public async Task<IReadOnlyList<string>> NamesInAsync(IEnumerable<string> roleNames, IReadOnlyCollection<string> excluded)
    {
        var people = new Dictionary<string, string>();
        foreach (var role in roleNames.Distinct())
        {
            foreach (var user in await users.GetUsersInRoleAsync(role))
            {
                if (!user.IsDisabled && !excluded.Contains(user.Id))
                {
                    people.TryAdd(user.Id, user.DisplayName ?? user.Email ?? user.UserName ?? "a colleague");
                }
            }
        }
        return people.Values.Order(StringComparer.CurrentCulture).ToList();
    }

    /// <summary>"Eddie Editor, Erin Editor or Lena Leader"; at most three names, then "or another colleague who can".</summary>
    public static string AskWhom(IReadOnlyList<string> names)
        => names.Count <= 3 ? Join(names, "or") : string.Join(", ", names.Take(3)) + " or another colleague who can";

    public static string Join(IReadOnlyList<string> words, string conjunction) => words.Count switch
    {
        0 => string.Empty,
        1 => words[0],
        _ => string.Join(", ", words.Take(words.Count - 1)) + $" {conjunction} " + words[^1],
    };
}
