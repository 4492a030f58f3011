namespace SchoolSite.Core.Tenancy;

/// <summary>An immutable view of one tenant as the request pipeline sees it.</summary>
public sealed record TenantInfo(
    string Name,
    string DisplayName,
    TenantState State,
    string? Prefix,
    IReadOnlyList<string> Hosts,
    DateTime UpdatedUtc)
{
    public bool IsHost => Name == Data.TenantDatabases.HostTenantName;

    /// <summary>The path base the tenant is served under: "" or "/prefix".</summary>
    public string PathBase => string.IsNullOrEmpty(Prefix) ? string.Empty : "/" + Prefix;

    public static TenantInfo From(TenantRecord record) => new(
        record.Name,
        record.DisplayName,
        record.State,
        string.IsNullOrEmpty(record.Prefix) ? null : record.Prefix,
        record.Hosts.Select(h => h.Host).Order(StringComparer.Ordinal).ToArray(),
        record.UpdatedUtc);
}
