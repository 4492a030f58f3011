using System.Security.Claims;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Tenancy;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Workflows.Handlers;

/// <summary>While a school has one member of staff, every admin page says why its administrator can publish alone, and when that ends.</summary>
public sealed class ReviewBanner(PublishAlone alone, TenantContext tenant) : IAdminBanners
{
    public async Task<IReadOnlyList<AdminBanner>> ForAsync(ClaimsPrincipal user)
    {
        if (tenant.IsHost || !tenant.Shell.IsEnabled(Manifest.WorkflowsFeature) || !await alone.OnlyBecauseAloneAsync())
        {
            return [];
        }
        return
        [
            new AdminBanner("You are the only member of staff here, so you can publish pages and news that show and name no pupils yourself. "
                + "Review starts once colleagues exist: add an editor and a senior leader. Anything about pupils always needs two people.", "/admin/users"),
        ];
    }
}
