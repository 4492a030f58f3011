using SchoolSite.Core.Modules;

namespace SchoolSite.AuditTrail;

/// <summary>The features this module declares.</summary>
public static class Manifest
{
    public const string AuditTrailFeature = "SchoolSite.AuditTrail";

    public static readonly IReadOnlyList<FeatureDescriptor> Features =
    [
        FeatureDescriptor.Create(AuditTrailFeature, "Audit trail",
            "Who did what and when: consent, people, pictures, review and publishing, sign-ins and users.", "Safeguarding", "SchoolSite.Admin"),
    ];
}
