namespace SchoolSite.Core.Modules;

/// <summary>
/// Marks an endpoint (a page model or an endpoint group) as belonging to a feature: while the feature is
/// disabled for the current tenant, the endpoint answers 404 there.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class FeatureAttribute(string featureId) : Attribute
{
    public string FeatureId { get; } = featureId;
}

/// <summary>Marks an endpoint that exists only on the host tenant (the trust dashboard).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class HostOnlyAttribute : Attribute;

/// <summary>Marks an endpoint that exists only on school tenants.</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class SchoolOnlyAttribute : Attribute;
