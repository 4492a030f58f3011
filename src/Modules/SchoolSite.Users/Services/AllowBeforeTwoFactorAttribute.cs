namespace SchoolSite.Users.Services;

/// <summary>A page a person must reach before setting up two-factor sign-in: the set-up page itself, signing out.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class AllowBeforeTwoFactorAttribute : Attribute;
