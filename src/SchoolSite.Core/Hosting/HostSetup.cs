using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using SchoolSite.Core.Data;
using SchoolSite.Core.Provisioning;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// First run and every start: the host database exists and is migrated, the trust is set up from
/// <c>recipes/trust.recipe.json</c> with a trust administrator, and in Development a demo school exists.
/// </summary>
public sealed class HostSetup(
    IServiceScopeFactory scopes,
    TenantDatabases databases,
    SchemaMigrator migrator,
    TenantRegistry registry,
    TenantProvisioner provisioner,
    RecipeLibrary recipes,
    IConfiguration configuration,
    IHostEnvironment environment,
    Cluster.IClusterLocks locks)
{
    public const string DemoTenant = "demo";

    public async Task InitializeAsync(TextWriter output, CancellationToken cancellationToken = default)
    {
        // Web nodes started together set the trust up once.
        await using var held = await locks.AcquireAsync("host-setup", TimeSpan.FromMinutes(10), cancellationToken);
        var created = false;
        if (!await databases.ExistsAsync(TenantDatabases.HostTenantName, cancellationToken))
        {
            await databases.CreateAsync(TenantDatabases.HostTenantName, cancellationToken);
            created = true;
        }
        migrator.MigrateUp(TenantDatabases.HostTenantName);
        if (created || !await IsSetUpAsync(cancellationToken))
        {
            await SetUpTrustAsync(output, cancellationToken);
        }
        await registry.ReloadAsync(cancellationToken);

        var demoEnabled = configuration.GetValue("SchoolSite:Demo:Enabled", environment.IsDevelopment());
        // Only once: a demo school the trust has removed is not made again while its database is there.
        if (demoEnabled && registry.Find(DemoTenant) is null && !await databases.ExistsAsync(DemoTenant, cancellationToken))
        {
            await CreateDemoAsync(output, cancellationToken);
        }
    }

    private async Task<bool> IsSetUpAsync(CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Enter(registry.HostTenant, null);
        var db = scope.ServiceProvider.GetRequiredService<SiteDbContext>();
        return await db.SiteSettings.AnyAsync(cancellationToken);
    }

    private async Task SetUpTrustAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var recipe = recipes.Find("trust") ?? throw new InvalidOperationException($"recipes/trust.recipe.json is missing from {recipes.Folder}.");
        var email = configuration["SchoolSite:Admin:Email"] ?? "admin@trust.example";
        var password = configuration["SchoolSite:Admin:Password"];
        var generated = string.IsNullOrEmpty(password);
        password = generated ? PasswordGenerator.Generate() : password!;
        try
        {
            await provisioner.SetUpAsync(registry.HostTenant, recipe, email, password, cancellationToken);
        }
        catch
        {
            // Leave nothing half-made: the next start tries again from scratch.
            await databases.DropAsync(TenantDatabases.HostTenantName, CancellationToken.None);
            throw;
        }
        await output.WriteLineAsync($"SchoolSite: trust dashboard set up. Trust administrator: {email}");
        if (generated)
        {
            await output.WriteLineAsync($"SchoolSite: generated password (shown once): {password}");
        }
    }

    private async Task CreateDemoAsync(TextWriter output, CancellationToken cancellationToken)
    {
        var password = configuration["SchoolSite:Demo:AdminPassword"];
        var email = configuration["SchoolSite:Demo:AdminEmail"] ?? "head@demo.example";
        var result = await provisioner.ProvisionAsync(new TenantRequest
        {
            Name = DemoTenant,
            DisplayName = "Demo Primary School",
            Prefix = DemoTenant,
            Recipe = recipes.Find("demo-school") is null ? "school" : "demo-school",
            AdminEmail = email,
            AdminPassword = password,
        }, cancellationToken);
        if (!result.Succeeded)
        {
            await output.WriteLineAsync($"SchoolSite: the demo school could not be created: {result.Describe()}");
            return;
        }
        await output.WriteLineAsync($"SchoolSite: demo school at /{DemoTenant}/ — administrator {email}");
        if (result.GeneratedAdminPassword is { } generated)
        {
            await output.WriteLineAsync($"SchoolSite: demo administrator password (shown once): {generated}");
        }
    }
}
