using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Provisioning;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Users.Models;
using SchoolSite.Users.Recipes;
using SchoolSite.Users.Services;

namespace SchoolSite.Users;

/// <summary>Sign-in, users, roles and permissions, two-factor: ASP.NET Core Identity in each tenant's database.</summary>
public sealed class Startup : SchoolSiteModule
{
    public override string Name => "SchoolSite.Users";

    public override IEnumerable<FeatureDescriptor> Features => Manifest.Features;

    public override IEnumerable<MigrationSet> Migrations =>
        [MigrationSet.For<Migrations.M001_Identity>("Users", MigrationScope.Tenant)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<UsersDbContext>();
        services.AddIdentity<SchoolUser, SchoolRole>(options =>
            {
                options.Password.RequiredLength = CommonPasswordValidator.MinimumLength;
                options.Password.RequireDigit = false;
                options.Password.RequireLowercase = false;
                options.Password.RequireUppercase = false;
                options.Password.RequireNonAlphanumeric = false;
                options.Password.RequiredUniqueChars = 1;
                options.Lockout.MaxFailedAccessAttempts = 5;
                options.Lockout.DefaultLockoutTimeSpan = TimeSpan.FromMinutes(15);
                options.Lockout.AllowedForNewUsers = true;
                options.User.RequireUniqueEmail = true;
                // "Confirmed" here means "not disabled": see EnabledUserConfirmation.
                options.SignIn.RequireConfirmedAccount = true;
                options.ClaimsIdentity.RoleClaimType = System.Security.Claims.ClaimTypes.Role;
            })
            .AddEntityFrameworkStores<UsersDbContext>()
            .AddDefaultTokenProviders()
            .AddPasswordValidator<CommonPasswordValidator>()
            .AddClaimsPrincipalFactory<SchoolUserClaimsFactory>();
        services.AddScoped<IUserConfirmation<SchoolUser>, EnabledUserConfirmation>();
        services.AddScoped<PasswordSignIn>();
        services.AddScoped<TwoFactorChanges>();
        services.AddScoped<AccountLinks>();
        services.AddScoped<AccountLinkAddress>();
        services.AddScoped<Invitations>();
        services.AddScoped<PasswordRecovery>();
        // The Notifications module replaces this with e-mail over the trust's SMTP server.
        services.TryAddSingleton<IAccountMail, LoggedAccountMail>();

        services.ConfigureAll<CookieAuthenticationOptions>(options => options.CookieManager = new TenantCookieManager());
        services.ConfigureApplicationCookie(options =>
        {
            options.Cookie.Name = ".SchoolSite.Auth";
            options.Cookie.HttpOnly = true;
            options.Cookie.SameSite = SameSiteMode.Lax;
            options.LoginPath = "/login";
            options.LogoutPath = "/logout";
            options.AccessDeniedPath = "/access-denied";
            options.ExpireTimeSpan = TimeSpan.FromHours(8);
            options.SlidingExpiration = true;
            options.Events.OnValidatePrincipal = SessionValidator.ValidateAsync;
            options.Events.OnRedirectToLogin = context => ApiAwareRedirect(context, StatusCodes.Status401Unauthorized);
            options.Events.OnRedirectToAccessDenied = context => ApiAwareRedirect(context, StatusCodes.Status403Forbidden);
        });
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorUserIdScheme, o => o.Cookie.Name = ".SchoolSite.TwoFactor");
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.TwoFactorRememberMeScheme, o => o.Cookie.Name = ".SchoolSite.TwoFactorRemember");
        services.Configure<CookieAuthenticationOptions>(IdentityConstants.ExternalScheme, o => o.Cookie.Name = ".SchoolSite.External");

        // Two-factor is checked by every authorization policy, not by pages one by one: see TwoFactorGate.
        services.AddScoped<IAuthorizationHandler, TwoFactorGate>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, TwoFactorGateResponse>();

        services.AddScoped<PersonalTokens>();
        services.AddAuthentication().AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, PersonalTokenAuthentication>(
            PersonalTokenAuthentication.SchemeName, null);
        services.AddScoped<RolePermissionGrants>();
        services.AddScoped<IRolePermissions>(sp => sp.GetRequiredService<RolePermissionGrants>());
        services.AddEventHandler<RolePermissionGrants>();
        services.AddScoped<RoleEditor>();
        services.AddScoped<RoleGate>();
        services.AddScoped<UserRoles>();
        services.AddScoped<ITenantSetupParticipant, UsersSetup>();
        services.AddSingleton<IRecipeStepHandler, RolesStep>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
        services.AddSettingsSection<UsersSettings>("Signing in", 20);
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => Endpoints.AntiforgeryApi.Map(endpoints);

    /// <summary>API callers get a status code, people get the sign-in page.</summary>
    private static Task ApiAwareRedirect(Microsoft.AspNetCore.Authentication.RedirectContext<CookieAuthenticationOptions> context, int status)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            // Another scheme of the endpoint (a refused personal token) may already have answered, saying why.
            if (!context.Response.HasStarted)
            {
                context.Response.StatusCode = status;
            }
            return Task.CompletedTask;
        }
        context.Response.Redirect(context.RedirectUri);
        return Task.CompletedTask;
    }
}
