using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Navigation;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;
using SchoolSite.Workflows.Endpoints;
using SchoolSite.Workflows.Handlers;
using SchoolSite.Workflows.Models;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Workflows;

/// <summary>Two-stage review before publishing: colleague check, senior sign-off, separation of duties, scheduling and reminders.</summary>
public sealed class Startup : SchoolSiteModule
{
    public override string Name => "SchoolSite.Workflows";

    public override IEnumerable<FeatureDescriptor> Features => Manifest.Features;

    public override IEnumerable<MigrationSet> Migrations =>
        [MigrationSet.For<Migrations.M001_Workflows>("Workflows", MigrationScope.Tenant)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<WorkflowDbContext>();
        services.AddScoped<WorkflowTypes>();
        services.AddEventHandler<WorkflowTypes>();
        services.AddScoped<WorkflowEngine>();
        services.AddScoped<WorkflowInstances>();
        services.AddScoped<Escalation>();
        services.AddScoped<Colleagues>();
        services.AddScoped<Refusals>();
        services.AddScoped<PublishAlone>();
        services.AddScoped<ReviewSchedule>();
        services.AddScoped<EmergencyPublisher>();
        services.AddScoped<ReviewDiff>();
        services.AddScoped<MyTasks>();
        services.AddScoped<GettingStarted>();
        services.AddScoped<IAuditSubjectNames, AuditSubjectNames>();
        services.AddScoped<ReviewNotices>();
        services.AddScoped<ReviewCoverage>();
        services.AddScoped<IContentTypeNotes>(sp => sp.GetRequiredService<ReviewCoverage>());
        services.AddSingleton<IRecipeOutcomeCheck, EveryTypeReviewed>();
        services.AddScoped<EmergencyPublishing>();

        // Review's hold on the one publish path, and its place in the editor and the admin header.
        services.AddScoped<IContentHandler, WorkflowContentHandler>();
        services.AddScoped<IContentEditorLinks, ReviewLink>();
        services.AddScoped<IAdminBadges, TaskBadge>();
        services.AddScoped<IAdminBanners, ReviewBanner>();
        services.AddSingleton<SchoolSite.Notifications.Services.IWeeklySummarySection, ReviewSummary>();

        services.AddSchoolJob<ScheduledPublishing>();
        services.AddSchoolJob<ReviewReminders>();
        services.AddSingleton<IRecipeStepHandler, Recipes.WorkflowTypeStep>();
        services.AddSettingsSection<WorkflowSettings>("Review before publishing", 60, Manifest.WorkflowsFeature);
        services.AddSingleton<IPermissionProvider, Permissions>();
        services.AddSingleton<IAdminMenu, AdminMenu>();
    }

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        WorkflowApi.Map(endpoints);
        ReviewStyles.Map(endpoints);
    }
}
