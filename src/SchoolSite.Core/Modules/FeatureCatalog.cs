namespace SchoolSite.Core.Modules;

/// <summary>Every feature of every module in this installation, and the rules between them.</summary>
public sealed class FeatureCatalog
{
    private readonly Dictionary<string, FeatureDescriptor> _features;

    public FeatureCatalog(IEnumerable<SchoolSiteModule> modules)
    {
        _features = new(StringComparer.Ordinal);
        foreach (var feature in modules.SelectMany(m => m.Features))
        {
            if (!_features.TryAdd(feature.Id, feature))
            {
                throw new InvalidOperationException($"Feature '{feature.Id}' is declared twice.");
            }
        }
        foreach (var feature in _features.Values)
        {
            foreach (var dependency in feature.Dependencies.Where(d => !_features.ContainsKey(d)))
            {
                throw new InvalidOperationException($"Feature '{feature.Id}' depends on unknown feature '{dependency}'.");
            }
        }
    }

    public IReadOnlyCollection<FeatureDescriptor> All => _features.Values;

    public FeatureDescriptor? Find(string id) => _features.GetValueOrDefault(id);

    public IEnumerable<string> AlwaysEnabled(bool isHost)
        => _features.Values.Where(f => f.IsAlwaysEnabled && (isHost || !f.IsHostOnly)).Select(f => f.Id);

    /// <summary>The features to enable so that <paramref name="id"/> works: itself and every dependency, transitively.</summary>
    public IReadOnlyList<string> WithDependencies(string id)
    {
        var result = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        void Visit(string featureId)
        {
            if (!seen.Add(featureId))
            {
                return;
            }
            foreach (var dependency in _features[featureId].Dependencies)
            {
                Visit(dependency);
            }
            result.Add(featureId);
        }
        Visit(id);
        return result;
    }

    /// <summary>Enabled features that need <paramref name="id"/>, directly or through another feature.</summary>
    public IReadOnlyList<string> EnabledDependants(string id, IReadOnlySet<string> enabled)
        => enabled.Where(e => e != id && WithDependencies(e).Contains(id)).Order(StringComparer.Ordinal).ToList();
}
