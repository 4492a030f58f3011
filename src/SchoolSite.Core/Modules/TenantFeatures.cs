using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Modules;

/// <summary>The outcome of enabling or disabling features: what changed, or why nothing did.</summary>
public sealed record FeatureChange(IReadOnlyList<string> Enabled, IReadOnlyList<string> Disabled, IReadOnlyList<string> Errors)
{
    public bool Succeeded => Errors.Count == 0;
}

/// <summary>
/// Enables and disables the current tenant's features, keeping dependencies whole. Every change (features page,
/// recipe, set-up) comes through here, so here is where each one is announced for the audit trail.
/// </summary>
public sealed class TenantFeatures(FeatureCatalog catalog, SiteDbContext db, TenantContext tenant, SchoolEvents events)
{
    public IReadOnlySet<string> Enabled => tenant.Shell.Features;

    public Task<FeatureChange> EnableAsync(IEnumerable<string> featureIds, CancellationToken cancellationToken = default)
        => ChangeAsync(featureIds, [], Actor.System.Name, cancellationToken);

    public Task<FeatureChange> EnableAsync(IEnumerable<string> featureIds, string actor, CancellationToken cancellationToken = default)
        => ChangeAsync(featureIds, [], actor, cancellationToken);

    public Task<FeatureChange> DisableAsync(IEnumerable<string> featureIds, string actor, CancellationToken cancellationToken = default)
        => ChangeAsync([], featureIds, actor, cancellationToken);

    /// <summary>Enables and disables at once; <paramref name="actor"/> is named in the audit trail.</summary>
    public async Task<FeatureChange> ChangeAsync(IEnumerable<string> enable, IEnumerable<string> disable, string actor, CancellationToken cancellationToken = default)
    {
        var errors = new List<string>();
        var current = new HashSet<string>(tenant.Shell.Features, StringComparer.Ordinal);
        var target = new HashSet<string>(current, StringComparer.Ordinal);

        foreach (var id in enable)
        {
            if (Check(id, errors) is not null)
            {
                target.UnionWith(catalog.WithDependencies(id));
            }
        }
        var toDisable = disable.ToList();
        foreach (var id in toDisable)
        {
            var feature = Check(id, errors);
            if (feature is null)
            {
                continue;
            }
            if (feature.IsAlwaysEnabled)
            {
                errors.Add($"'{feature.Name}' ({id}) cannot be disabled: the site needs it.");
                continue;
            }
            target.Remove(id);
        }
        foreach (var id in toDisable.Where(d => !target.Contains(d)))
        {
            var dependants = catalog.EnabledDependants(id, target);
            if (dependants.Count > 0)
            {
                var names = string.Join(", ", dependants.Select(d => $"'{catalog.Find(d)!.Name}' ({d})"));
                errors.Add($"'{catalog.Find(id)!.Name}' ({id}) cannot be disabled because {names} needs it. Disable {(dependants.Count == 1 ? "it" : "them")} first.");
            }
        }
        if (errors.Count > 0)
        {
            return new FeatureChange([], [], errors);
        }

        var added = target.Except(current).Order(StringComparer.Ordinal).ToList();
        var removed = current.Except(target).Order(StringComparer.Ordinal).ToList();
        if (added.Count + removed.Count > 0)
        {
            db.EnabledFeatures.AddRange(added.Select(id => new EnabledFeature { FeatureId = id }));
            db.EnabledFeatures.RemoveRange(await db.EnabledFeatures.Where(f => removed.Contains(f.FeatureId)).ToListAsync(cancellationToken));
            var changes = added.Select(id => new FeatureChanged(id, catalog.Find(id)!.Name, actor, "enabled"))
                .Concat(removed.Select(id => new FeatureChanged(id, catalog.Find(id)?.Name ?? id, actor, "disabled"))).ToList();
            events.Stage(db, changes);
            await db.SaveChangesAsync(cancellationToken);
            tenant.Shell.ReplaceFeatures(target);
            await events.RaiseAsync(changes, cancellationToken);
        }
        return new FeatureChange(added, removed, []);
    }

    private FeatureDescriptor? Check(string id, List<string> errors)
    {
        var feature = catalog.Find(id);
        if (feature is null)
        {
            errors.Add($"There is no feature '{id}'.");
            return null;
        }
        if (feature.IsHostOnly && !tenant.IsHost)
        {
            errors.Add($"'{feature.Name}' ({id}) is for the trust dashboard only.");
            return null;
        }
        return feature;
    }
}
