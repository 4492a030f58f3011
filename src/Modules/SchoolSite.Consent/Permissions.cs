using SchoolSite.Core.Security;

namespace SchoolSite.Consent;

public sealed class Permissions : IPermissionProvider
{
    public const string ViewPeople = "ViewPeople";
    public const string ManagePeople = "ManagePeople";
    public const string ManageConsent = "ManageConsent";
    public const string ViewContactRestrictions = "ViewContactRestrictions";
    public const string RunConsentRound = "RunConsentRound";

    IEnumerable<Permission> IPermissionProvider.Permissions =>
    [
        new(ViewPeople, "See the people register, with legal names", "Consent"),
        new(ManagePeople, "Add and change people in the register", "Consent"),
        new(ManageConsent, "Record consents, refusals and objections", "Consent"),
        new(ViewContactRestrictions, "See why a pupil's contact must not be contacted", "Consent"),
        new(RunConsentRound, "Start and close the yearly consent round, and print its letters", "Consent"),
    ];

    public IEnumerable<PermissionStereotype> Stereotypes =>
    [
        new(Roles.Headteacher, [ViewPeople, ManagePeople, ManageConsent]),
        new(Roles.DataProtectionOfficer, [ViewPeople, ManagePeople, ManageConsent, ViewContactRestrictions, RunConsentRound]),
        new(Roles.Administrator, [ViewContactRestrictions, RunConsentRound]),
        new(Roles.SeniorLeader, [ViewPeople]),
    ];
}
