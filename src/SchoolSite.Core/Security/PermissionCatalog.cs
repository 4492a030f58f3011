namespace SchoolSite.Core.Security;

/// <summary>Every permission of every module, by name.</summary>
public sealed class PermissionCatalog
{
    private readonly Dictionary<string, Permission> _permissions;

    public PermissionCatalog(IEnumerable<IPermissionProvider> providers)
    {
        var list = providers.ToList();
        _permissions = list.SelectMany(p => p.Permissions).DistinctBy(p => p.Name).ToDictionary(p => p.Name, StringComparer.Ordinal);
        Stereotypes = list.SelectMany(p => p.Stereotypes)
            .GroupBy(s => s.Role, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => (IReadOnlyList<string>)g.SelectMany(s => s.Permissions).Distinct().ToList(), StringComparer.Ordinal);
    }

    public IReadOnlyCollection<Permission> All => _permissions.Values;

    public IReadOnlyDictionary<string, IReadOnlyList<string>> Stereotypes { get; }

    public bool Exists(string name) => _permissions.ContainsKey(name);
}
