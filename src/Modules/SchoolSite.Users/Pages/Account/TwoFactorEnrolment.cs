using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Pages.Account;

/// <summary>
/// The tenant setting "require two-factor for staff": a signed-in user without an authenticator is sent
/// to enrol before any other admin page.
/// </summary>
public sealed class TwoFactorEnrolment(TenantContext tenant) : IAsyncPageFilter
{
    public static bool IsRequired(TenantContext tenant, bool enrolled)
        => !enrolled && tenant.HasTenant && tenant.Shell.Section<UsersSettings>().RequireTwoFactorForStaff && tenant.Shell.IsEnabled(Manifest.TwoFactorFeature);

    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var user = context.HttpContext.User;
        var page = context.ActionDescriptor.ViewEnginePath;
        if (user.Identity?.IsAuthenticated == true
            && user.FindFirst(SchoolUserClaimsFactory.TwoFactorClaim)?.Value == "off"
            && IsRequired(tenant, enrolled: false)
            && page is not ("/Account/TwoFactor" or "/Account/Logout" or "/Account/Login"))
        {
            context.Result = new RedirectToPageResult("/Account/TwoFactor", new { required = true });
            return;
        }
        await next();
    }
}
