using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using SchoolSite.Core.Data;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Modules;
using SchoolSite.Notifications.Models;
using SchoolSite.Notifications.Services;
using SchoolSite.Users.Services;

namespace SchoolSite.Notifications;

/// <summary>
/// Telling people what waits for them: in-app notifications (My tasks) and e-mail over the trust's SMTP
/// server, queued and sent in the background with retries; the account e-mails of the Users module (invitations,
/// password resets); and the school calendar (school days) that
/// reminders count in.
/// </summary>
public sealed class Startup : SchoolSiteModule
{
    public override string Name => "SchoolSite.Notifications";

    public override IEnumerable<FeatureDescriptor> Features => Manifest.Features;

    public override IEnumerable<MigrationSet> Migrations =>
        [MigrationSet.For<Migrations.M001_Notifications>("Notifications", MigrationScope.Tenant)];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
    {
        services.AddTenantDbContext<NotificationsDbContext>();
        services.AddScoped<Notifier>();
        services.AddSingleton<MailOutbox>();
        services.AddSingleton<MailSender>();
        services.AddHostedService(sp => sp.GetRequiredService<MailSender>());
        services.AddSchoolJob<MailRetries>();
        services.AddScoped<ResponsiblePeople>();
        services.AddScoped<Core.Navigation.IDashboardFacts>(sp => sp.GetRequiredService<ResponsiblePeople>());
        services.AddSchoolJob<WeeklySummary>();
        // Invitations and password resets: replaces the Users module's log-only sender.
        services.AddSingleton<AccountMailSender>();
        services.AddHostedService(sp => sp.GetRequiredService<AccountMailSender>());
        services.Replace(ServiceDescriptor.Singleton<IAccountMail>(sp => sp.GetRequiredService<AccountMailSender>()));
    }
}
