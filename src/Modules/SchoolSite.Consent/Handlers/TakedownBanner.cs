using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Consent.Handlers;

/// <summary>On every admin page of those who take pictures down (the DPO, the headteacher): how many copies are still out there, until none are.</summary>
public sealed class TakedownBanner(Takedown takedown, TenantContext tenant, IAuthorizationService authorization) : IAdminBanners
{
    public async Task<IReadOnlyList<AdminBanner>> ForAsync(ClaimsPrincipal user)
    {
        if (tenant.IsHost || !tenant.Shell.IsEnabled(Manifest.ConsentFeature)
            || !(await authorization.AuthorizeAsync(user, PermissionRequirement.Policy(Permissions.ManageConsent))).Succeeded)
        {
            return [];
        }
        var open = await takedown.OpenCountAsync();
        return open == 0 ? [] :
            [new AdminBanner($"{open} cop{(open == 1 ? "y" : "ies")} of pictures outside the website still to be taken down.", "/admin/takedown")];
    }
}
