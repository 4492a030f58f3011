using SchoolSite.Core.Modules;

namespace SchoolSite.Notifications;

/// <summary>
/// This module declares no feature: notifications, the mail outbox and the school calendar are services
/// other modules build on (review, policies), always there when they are.
/// </summary>
public static class Manifest
{
    public static readonly IReadOnlyList<FeatureDescriptor> Features = [];
}
