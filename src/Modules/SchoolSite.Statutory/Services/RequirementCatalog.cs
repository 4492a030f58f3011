using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Events;
using SchoolSite.Core.Tenancy;
using SchoolSite.Statutory.Models;

namespace SchoolSite.Statutory.Services;

/// <summary>
/// The trust's list of what schools must publish, read from the trust's database once and kept with the trust's shell
/// (so it is forgotten on every node when the trust's recipe changes it).
/// </summary>
public sealed class RequirementCatalog(IDbContextFactory<StatutoryTrustDbContext> trust, TenantShells shells, TenantRegistry registry)
    : ISchoolEventHandler<StatutoryRequirementsChanged>
{
    public async Task<IReadOnlyList<Requirement>> AllAsync()
        => (await (await shells.GetAsync(registry.HostTenant)).GetOrLoadAsync(LoadAsync)).Items;

    /// <summary>The requirements that apply to a school of this kind, in the order of the Key information page.</summary>
    public async Task<IReadOnlyList<Requirement>> ForAsync(StatutorySettings school)
        => (await AllAsync()).Where(r => r.AppliesTo(school)).ToList();

    public async Task HandleAsync(IReadOnlyList<StatutoryRequirementsChanged> events, CancellationToken cancellationToken)
        => (await shells.GetAsync(registry.HostTenant, cancellationToken)).Evict<Set>();

    private async Task<Set> LoadAsync()
    {
        await using var db = await trust.CreateDbContextAsync();
        var records = await db.Requirements.AsNoTracking().OrderBy(r => r.Position).ThenBy(r => r.Key).ToListAsync();
        return new Set(records.Select(r => r.ToRequirement()).ToList());
    }

    private sealed record Set(IReadOnlyList<Requirement> Items);
}
