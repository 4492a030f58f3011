using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>
/// Gives and takes away a person's roles: the one way roles change (the users pages, a new school's set-up),
/// each change checked by <see cref="RoleGate"/> when a person makes it, and recorded in the audit trail.
/// </summary>
public sealed class UserRoles(UserManager<SchoolUser> users, RoleGate gate, SchoolEvents events, UsersDbContext db)
{
    /// <summary>Why <paramref name="by"/> may not give <paramref name="user"/> (null: someone not added yet) exactly these roles.</summary>
    public async Task<IReadOnlyList<string>> RefusalsAsync(ClaimsPrincipal by, SchoolUser? user, IReadOnlyCollection<string> wanted)
        => await gate.RoleChangeRefusalsAsync(by, user?.Id, user is null ? [] : await users.GetRolesAsync(user), wanted);

    /// <summary>
    /// Why <paramref name="by"/> may not change <paramref name="user"/>'s account (name, e-mail, disabling it): only someone
    /// who could give every role the person holds may, so nobody locks out or takes over an account with more rights than theirs.
    /// </summary>
    public async Task<string?> AccountRefusalAsync(ClaimsPrincipal by, SchoolUser user)
    {
        if (user.Id == by.FindFirstValue(ClaimTypes.NameIdentifier))
        {
            return null;
        }
        var roles = await users.GetRolesAsync(user);
        var refusals = await gate.RoleChangeRefusalsAsync(by, user.Id, roles, []);
        return refusals.Count == 0 ? null : $"{user.DisplayName} holds a role you cannot give ({string.Join(", ", roles.Order(StringComparer.Ordinal))}), so you cannot change their account. {gate.AskWhom} to do it.";
    }

    /// <summary>Gives <paramref name="user"/> exactly these roles, if <paramref name="by"/> may; otherwise changes nothing and says why.</summary>
    public async Task<IReadOnlyList<string>> ChangeAsync(ClaimsPrincipal by, SchoolUser user, IReadOnlyCollection<string> wanted)
    {
        var refusals = await RefusalsAsync(by, user, wanted);
        if (refusals.Count == 0)
        {
            await ApplyAsync(user, wanted, Actor.Of(by).Name);
        }
        return refusals;
    }

    /// <summary>The system giving roles (a new school's first administrator): no person to check, still recorded.</summary>
    public Task SetBySystemAsync(SchoolUser user, IReadOnlyCollection<string> wanted, string actor) => ApplyAsync(user, wanted, actor);

    private async Task ApplyAsync(SchoolUser user, IReadOnlyCollection<string> wanted, string actor)
    {
        var current = await users.GetRolesAsync(user);
        var removed = current.Except(wanted, StringComparer.Ordinal).ToList();
        var added = wanted.Except(current, StringComparer.Ordinal).Distinct(StringComparer.Ordinal).ToList();
        if (removed.Count == 0 && added.Count == 0)
        {
            return;
        }
        await events.CommitAsync(db, async () =>
        {
            Succeeded(await users.RemoveFromRolesAsync(user, removed));
            Succeeded(await users.AddToRolesAsync(user, added));
            return (IReadOnlyList<UserRolesChanged>)[new UserRolesChanged(user.Id, actor, List(current), List(current.Except(removed).Concat(added)))];
        });
    }

    private static string List(IEnumerable<string> roles) => string.Join(", ", roles.Order(StringComparer.Ordinal));

    private static void Succeeded(IdentityResult result)
    {
        if (!result.Succeeded)
        {
            throw new InvalidOperationException("The roles could not be changed: " + string.Join(" ", result.Errors.Select(e => e.Description)));
        }
    }
}
