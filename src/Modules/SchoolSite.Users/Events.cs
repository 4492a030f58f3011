using SchoolSite.Core.Events;

namespace SchoolSite.Users;

// What happens to accounts and roles, announced on the school's event path.

/// <summary>Someone signed in (Action "signed-in"), or their account was locked after failed attempts ("locked-out").</summary>
public sealed record SignInRecorded(string UserId, string Email, string Action, string? Method = null) : IAuditedAction
{
    public AuditEntry Audit => new(Email, "sign-in", Action, "user:" + UserId, null, Method);
}

/// <summary>Someone turned two-factor sign-in on or off, or made new recovery codes (the Action says which; After says how they proved it was them).</summary>
public sealed record TwoFactorChanged(string UserId, string Actor, string Action, string Proof) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "sign-in", Action, "user:" + UserId, null, Proof);
}

/// <summary>Someone made or revoked one of their personal API tokens (the token itself is never recorded, only its name and first characters).</summary>
public sealed record PersonalTokenChanged(string UserId, string Actor, string Action, string Token) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "sign-in", Action, "user:" + UserId, null, Token);
}

/// <summary>An account was created, changed, disabled or enabled (the Action says which).</summary>
public sealed record UserChanged(string UserId, string Actor, string Action, string? Before, string? After) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "users", Action, "user:" + UserId, Before, After);
}

/// <summary>The roles a person holds were changed (by the users pages, or the system at set-up).</summary>
public sealed record UserRolesChanged(string UserId, string Actor, string Before, string After) : IAuditedEvent
{
    public AuditEntry? Audit => Before == After ? null : new(Actor, "users", "roles-changed", "user:" + UserId, Before, After);
}

/// <summary>The permissions a role holds were set (by the roles page, a recipe or set-up).</summary>
public sealed record RolePermissionsChanged(string Role, string Actor, string Before, string After) : IAuditedEvent
{
    public AuditEntry? Audit => Before == After ? null : new(Actor, "users", "role-permissions", "role:" + Role, Before, After);
}

/// <summary>
/// An invitation to choose a password was sent, sent again, cancelled (the account, never used, is removed) or accepted
/// (the Action says which; After is the address it went to).
/// </summary>
public sealed record InvitationChanged(string UserId, string Actor, string Action, string Email) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "users", Action, "user:" + UserId, null, Email);
}

/// <summary>
/// A password changed hands: its owner changed it, a reset link was asked for ("forgot password") or sent by an
/// administrator, or a reset link was used (the Action says which). The link and the password are never recorded.
/// </summary>
public sealed record PasswordChanged(string UserId, string Actor, string Action, string? How = null) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "sign-in", Action, "user:" + UserId, null, How);
}
