using SchoolSite.Core.Modules;

namespace SchoolSite.Consent;

/// <summary>The features this module declares.</summary>
public static class Manifest
{
    public const string ConsentFeature = "SchoolSite.Consent";

    public static readonly IReadOnlyList<FeatureDescriptor> Features =
        [FeatureDescriptor.Create(ConsentFeature, "Consent", "People register, consent records and the consent gate for pictures.", "Safeguarding", "SchoolSite.Admin")];
}
