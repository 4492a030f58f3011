using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Data;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;
using SchoolSite.Workflows.Endpoints;
using SchoolSite.Workflows.Models;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Workflows;

/// <summary>Two-stage review before publishing: colleague check, senior sign-off, separation of duties, scheduling and notifications.</summary>
public sealed class Startup(string apiSchemes) : SchoolSiteModule
{
    public const string WorkflowsFeature = "SchoolSite.Workflows";

    public override string Name => "SchoolSite.Workflows";

    public override IEnumerable<FeatureDescriptor> Features =>
    [
        FeatureDescriptor.Create(WorkflowsFeature, "Review before publishing",
            "A colleague checks, a senior leader signs off; nobody approves their own work, and only the approved version is published.",
            "Safeguarding", "SchoolSite.Contents", "SchoolSite.Consent"),
    ];

    public override IEnumerable<MigrationSet> Migrations =>
        [MigrationSet.For<Migrations.M001_Workflows>("Workflows", MigrationScope.Tenant)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<WorkflowDbContext>();
        services.AddScoped<WorkflowTypes>();
        services.AddScoped<WorkflowEngine>();
        services.AddScoped<WorkflowInstances>();
        services.AddScoped<Escalation>();
        services.AddScoped<Notifier>();
        services.AddScoped<EmergencyPublishing>();
        services.AddScoped<Contents.Services.IContentHandler, Handlers.WorkflowContentHandler>();
        services.AddScoped<Contents.Services.IContentEditorLinks, Handlers.ReviewLink>();
        services.AddScoped<IAdminBadges, Handlers.TaskBadge>();
        services.AddSingleton<MailOutbox>();
        services.AddSingleton<MailSender>();
        services.AddHostedService(sp => sp.GetRequiredService<MailSender>());
        services.AddSingleton<WorkflowScheduler>();
        services.AddHostedService(sp => sp.GetRequiredService<WorkflowScheduler>());
        services.AddSingleton<IRecipeStepHandler, Recipes.WorkflowTypeStep>();
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, WorkflowMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints) => WorkflowApi.Map(endpoints, apiSchemes);

    private sealed class WorkflowMenu : IAdminMenu
    {
        public IEnumerable<AdminMenuItem> Items => [new AdminMenuItem("My tasks", "/admin/tasks", CorePermissions.AccessAdmin, WorkflowsFeature, 20) { SchoolOnly = true }];
    }
}
