using Microsoft.AspNetCore.Identity;
using SchoolSite.Users.Models;

namespace SchoolSite.Users.Services;

/// <summary>A disabled user may not sign in (Identity asks this before it checks the password).</summary>
public sealed class EnabledUserConfirmation : IUserConfirmation<SchoolUser>
{
    public Task<bool> IsConfirmedAsync(UserManager<SchoolUser> manager, SchoolUser user) => Task.FromResult(!user.IsDisabled);
}
