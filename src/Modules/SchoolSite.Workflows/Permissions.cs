using SchoolSite.Core.Security;

namespace SchoolSite.Workflows;

public sealed class Permissions : IPermissionProvider
{
    public const string ReviewContent = "ReviewContent";
    public const string EmergencyPublish = "EmergencyPublish";

    IEnumerable<Permission> IPermissionProvider.Permissions =>
    [
        new(ReviewContent, "Check colleagues' content, or ask for changes, before sign-off", "Review"),
        new(EmergencyPublish, "Publish without approval where the school allows it, giving a reason", "Review"),
    ];

    public IEnumerable<PermissionStereotype> Stereotypes =>
    [
        new(Roles.Headteacher, [ReviewContent, EmergencyPublish]),
        new(Roles.SeniorLeader, [ReviewContent]),
        new(Roles.Editor, [ReviewContent]),
    ];
}
