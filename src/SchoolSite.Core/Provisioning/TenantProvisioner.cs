using System.Net.Mail;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Core.Provisioning;

/// <summary>
/// Makes a complete school site from a recipe, all or nothing: registry entry, database, schema,
/// features, recipe steps, administrator. When any part fails, the database and the registry entry
/// are removed again and the error says which step and where. Creating, disabling and enabling a school are
/// recorded in the trust's own audit trail, whoever asked (command line, API or dashboard).
/// </summary>
public sealed partial class TenantProvisioner(
    IServiceScopeFactory scopes,
    TenantDatabases databases,
    SchemaMigrator migrator,
    RecipeExecutor recipes,
    FeatureCatalog catalog,
    TenantRegistry registry,
    TenantScopes tenantScopes,
    HostClaims hostClaims,
    TimeProvider time,
    Cluster.IClusterLocks locks,
    ILogger<TenantProvisioner> logger)
{
    /// <summary>Names a school tenant cannot take: they are the host's or look like its routes.</summary>
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "default", "admin", "api", "login", "logout", "assets", "account", "trust", "health", "_content",
    };

    public Task<ProvisioningResult> ProvisionAsync(TenantRequest request, CancellationToken cancellationToken = default)
        => ProvisionAsync(request, TrustCaller.System, cancellationToken);

    public async Task<ProvisioningResult> ProvisionAsync(TenantRequest request, TrustCaller caller, CancellationToken cancellationToken = default)
    {
        var errors = Validate(request);
        var recipeJson = request.Recipe is { Length: > 0 } ? recipes.Library.Find(request.Recipe) : null;
        if (request.Recipe is { Length: > 0 } && recipeJson is null)
        {
            Add(errors, "recipe", $"There is no recipe '{request.Recipe}'. Recipes for a school: {string.Join(", ", recipes.Library.ForSchools().Select(r => r.Name))}.");
        }
        using (var scope = scopes.CreateScope())
        {
            foreach (var participant in scope.ServiceProvider.GetServices<ITenantSetupParticipant>())
            {
                foreach (var (field, messages) in await participant.CheckAsync(request))
                {
                    foreach (var message in messages)
                    {
                        Add(errors, field, message);
                    }
                }
            }
        }
        if (errors.Count > 0)
        {
            return new ProvisioningResult(ProvisioningOutcome.Invalid, errors);
        }
        var recipeErrors = recipes.Validator.Validate(recipeJson!, out var parsed);
        parsed?.Dispose();
        if (recipeErrors.Count > 0)
        {
            return RecipeFailure(recipeErrors);
        }

        var name = request.Name!;
        var hosts = (request.Hosts ?? []).Select(h => h.Trim().ToLowerInvariant()).Where(h => h.Length > 0).Distinct().ToList();
        var prefix = string.IsNullOrWhiteSpace(request.Prefix) ? null : request.Prefix.Trim().ToLowerInvariant();
        // One school made at a time across the nodes: the checks for a taken name or address see every other request's result.
        await using var provisioning = await locks.AcquireAsync("provision", TimeSpan.FromMinutes(10), cancellationToken);
        var clash = await ReserveAsync(name, request.DisplayName!, prefix, hosts, request.Recipe!, caller, cancellationToken);
        if (clash is not null)
        {
            return clash;
        }

        var password = string.IsNullOrEmpty(request.AdminPassword) ? PasswordGenerator.Generate() : request.AdminPassword;
        try
        {
            await databases.CreateAsync(name, cancellationToken);
            migrator.MigrateUp(name);
            var tenant = new TenantInfo(name, request.DisplayName!, TenantState.Initializing, prefix, hosts, time.GetUtcNow().UtcDateTime);
            await SetUpAsync(tenant, recipeJson!, request.AdminEmail!, password, cancellationToken);
            var address = string.Join(", ", hosts.Select(h => prefix is null ? h : $"{h}/{prefix}/").DefaultIfEmpty($"/{prefix}/"));
            await WriteStateAsync(name, TenantState.Running,
                _ => new TenantChanged(name, caller.Actor, "created", null, $"{request.DisplayName} at {address}, from the recipe '{request.Recipe}'"), cancellationToken);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            logger.LogWarning(ex, "Provisioning tenant {Tenant} failed; removing what was made.", name);
            await UndoAsync(name);
            return ex is RecipeException recipeException
                ? RecipeFailure(recipeException.Errors)
                : ProvisioningResult.Fail(ProvisioningOutcome.Failed, "tenant", $"Provisioning failed: {ex.Message}");
        }
        await registry.ReloadAsync(cancellationToken);
        return new ProvisioningResult(ProvisioningOutcome.Created, new Dictionary<string, string[]>())
        {
            TenantName = name,
            PathBase = prefix is null ? null : "/" + prefix,
            Hosts = hosts,
            GeneratedAdminPassword = string.IsNullOrEmpty(request.AdminPassword) ? password : null,
        };
    }

    /// <summary>Runs the set-up of a tenant whose (empty, migrated) database exists: features, participants, recipe.</summary>
    public async Task SetUpAsync(TenantInfo tenant, string recipeJson, string adminEmail, string adminPassword, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var services = scope.ServiceProvider;
        var shell = new TenantShell(tenant, [], SettingsDocument.Empty);
        services.GetRequiredService<TenantContext>().Enter(tenant, shell);
        await services.GetRequiredService<SettingsStore>().SaveAsync([new SiteSettings { SiteName = tenant.DisplayName }], cancellationToken);
        var features = await services.GetRequiredService<TenantFeatures>().EnableAsync(catalog.AlwaysEnabled(tenant.IsHost), cancellationToken);
        if (!features.Succeeded)
        {
            throw new InvalidOperationException(string.Join(" ", features.Errors));
        }
        var context = new TenantSetupContext(services, adminEmail, adminPassword, tenant.IsHost);
        var participants = services.GetServices<ITenantSetupParticipant>().ToList();
        foreach (var participant in participants)
        {
            await participant.BeforeRecipeAsync(context, cancellationToken);
        }
        var parameters = new Dictionary<string, string>
        {
            ["SiteName"] = tenant.DisplayName,
            ["TenantName"] = tenant.Name,
            ["AdminEmail"] = adminEmail,
            // Dates a recipe can put on what it creates (a policy's effective and review dates).
            ["Today"] = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            ["NextYear"] = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime).AddYears(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        };
        await recipes.ExecuteAsync(recipeJson, services, parameters, cancellationToken);
        foreach (var participant in participants)
        {
            await participant.AfterRecipeAsync(context, cancellationToken);
        }
    }

    public Task<bool> SetStateAsync(string name, TenantState state, CancellationToken cancellationToken = default)
        => SetStateAsync(name, state, TrustCaller.System, cancellationToken);

    /// <summary>Disables or enables a school; a change between running and disabled goes in the trust's audit trail.</summary>
    public async Task<bool> SetStateAsync(string name, TenantState state, TrustCaller caller, CancellationToken cancellationToken = default)
    {
        var before = await WriteStateAsync(name, state, was => was is TenantState.Running or TenantState.Disabled && was != state
            ? new TenantChanged(name, caller.Actor, state == TenantState.Disabled ? "disabled" : state == TenantState.Running ? "enabled" : state.ToString().ToLowerInvariant(),
                was.ToString(), state.ToString())
            : null, cancellationToken);
        return before is not null;
    }

    /// <summary>
    /// Sets the state and, in the same transaction, the trust's audit entry for the change (<paramref name="audit"/> makes it from
    /// the state before, or says none is due); returns the state before (null when there is no such tenant). Tenant changes are the
    /// trust's to account for, not the school's: they go on the trust's own event path.
    /// </summary>
    private async Task<TenantState?> WriteStateAsync(string name, TenantState state, Func<TenantState, TenantChanged?> audit, CancellationToken cancellationToken)
    {
        await using var scope = await tenantScopes.EnterAsync(registry.HostTenant, cancellationToken);
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var events = scope.ServiceProvider.GetRequiredService<SchoolEvents>();
        var now = time.GetUtcNow().UtcDateTime;
        TenantChanged? change;
        TenantState? before;
        await using (var transaction = await db.Database.BeginTransactionAsync(cancellationToken))
        {
            before = await db.Tenants.AsNoTracking().Where(t => t.Name == name).Select(t => (TenantState?)t.State).FirstOrDefaultAsync(cancellationToken);
            await db.Tenants.Where(t => t.Name == name)
                .ExecuteUpdateAsync(s => s.SetProperty(t => t.State, state).SetProperty(t => t.UpdatedUtc, now), cancellationToken);
            await BumpVersionAsync(db, cancellationToken);
            change = before is { } was ? audit(was) : null;
            if (change is not null)
            {
                events.Stage(db, change);
            }
            await db.SaveChangesAsync(cancellationToken);
            await transaction.CommitAsync(cancellationToken);
        }
        await registry.ReloadAsync(cancellationToken);
        if (change is not null)
        {
            await events.RaiseAsync(change, cancellationToken);
        }
        return before;
    }

    private async Task<ProvisioningResult?> ReserveAsync(string name, string displayName, string? prefix, List<string> hosts, string recipe,
        TrustCaller caller, CancellationToken cancellationToken)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        var conflicts = new Dictionary<string, string[]>();
        if (await db.Tenants.AnyAsync(t => t.Name == name, cancellationToken) || await databases.ExistsAsync(name, cancellationToken))
        {
            conflicts["name"] = [$"A site named '{name}' already exists."];
        }
        if (prefix is not null && await db.Tenants.AnyAsync(t => t.Prefix == prefix, cancellationToken))
        {
            conflicts["prefix"] = [$"The prefix '{prefix}' is already used by another site."];
        }
        if (await hostClaims.RefusalsAsync(db, hosts, caller, cancellationToken) is { Length: > 0 } refusals)
        {
            conflicts["hosts"] = refusals;
        }
        if (conflicts.Count > 0)
        {
            return new ProvisioningResult(ProvisioningOutcome.Conflict, conflicts);
        }
        var now = time.GetUtcNow().UtcDateTime;
        db.Tenants.Add(new TenantRecord
        {
            Name = name,
            DisplayName = displayName,
            State = TenantState.Initializing,
            Prefix = prefix,
            RecipeName = recipe,
            CreatedUtc = now,
            UpdatedUtc = now,
            Hosts = hosts.Select(h => new TenantHost { Host = h, TenantName = name }).ToList(),
        });
        try
        {
            await db.SaveChangesAsync(cancellationToken);
        }
        catch (DbUpdateException)
        {
            // Another request reserved the same name, prefix or host a moment ago.
            return ProvisioningResult.Fail(ProvisioningOutcome.Conflict, "name", $"The name, prefix or a host of '{name}' was taken while this request ran.");
        }
        await BumpVersionAsync(db, cancellationToken);
        await registry.ReloadAsync(cancellationToken);
        return null;
    }

    private async Task UndoAsync(string name)
    {
        try
        {
            await databases.DropAsync(name);
        }
        catch (Exception ex)
        {
            logger.LogError(ex, "Could not remove the database of failed tenant {Tenant}.", name);
        }
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<HostDbContext>();
        await db.TenantHosts.Where(h => h.TenantName == name).ExecuteDeleteAsync();
        await db.Tenants.Where(t => t.Name == name).ExecuteDeleteAsync();
        await BumpVersionAsync(db, CancellationToken.None);
        await registry.ReloadAsync();
    }

    public static Task BumpVersionAsync(HostDbContext db, CancellationToken cancellationToken)
        => db.RegistryVersions.Where(v => v.Id == 1).ExecuteUpdateAsync(s => s.SetProperty(v => v.Version, v => v.Version + 1), cancellationToken);

    private static ProvisioningResult RecipeFailure(IReadOnlyList<RecipeError> errors)
        => new(ProvisioningOutcome.RecipeFailed,
            errors.GroupBy(e => e.Step is null ? e.Path : $"steps[{e.Step - 1}]")
                .ToDictionary(g => g.Key, g => g.Select(e => e.ToString()).ToArray()))
        { RecipeErrors = errors };

    private static Dictionary<string, string[]> Validate(TenantRequest request)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            Add(errors, "name", "A name is required: lower-case letters, digits and dashes, starting with a letter.");
        }
        else if (!Slug().IsMatch(request.Name))
        {
            Add(errors, "name", $"'{request.Name}' is not a valid name: use 2–40 lower-case letters, digits and dashes, starting with a letter.");
        }
        else if (Reserved.Contains(request.Name))
        {
            Add(errors, "name", $"'{request.Name}' is reserved; choose another name.");
        }
        if (string.IsNullOrWhiteSpace(request.DisplayName))
        {
            Add(errors, "displayName", "A display name is required, e.g. \"Oakwood Primary\".");
        }
        else if (request.DisplayName.Length > 200)
        {
            Add(errors, "displayName", "The display name is longer than 200 characters.");
        }
        var prefix = request.Prefix?.Trim();
        if (!string.IsNullOrEmpty(prefix))
        {
            if (!Slug().IsMatch(prefix))
            {
                Add(errors, "prefix", $"'{prefix}' is not a valid prefix: use lower-case letters, digits and dashes, starting with a letter.");
            }
            else if (Reserved.Contains(prefix))
            {
                Add(errors, "prefix", $"'{prefix}' is reserved; choose another prefix.");
            }
        }
        var hosts = request.Hosts ?? [];
        for (var i = 0; i < hosts.Count; i++)
        {
            if (Uri.CheckHostName(hosts[i].Split(':')[0]) == UriHostNameType.Unknown || hosts[i].Contains('/'))
            {
                Add(errors, $"hosts[{i}]", $"'{hosts[i]}' is not a host name.");
            }
        }
        if (string.IsNullOrEmpty(prefix) && hosts.Count == 0)
        {
            Add(errors, "prefix", "Give a URL prefix or at least one host, so the site can be reached.");
        }
        if (string.IsNullOrWhiteSpace(request.Recipe))
        {
            Add(errors, "recipe", "A recipe is required, e.g. \"school\".");
        }
        if (string.IsNullOrWhiteSpace(request.AdminEmail) || !MailAddress.TryCreate(request.AdminEmail, out var address) || address.Address != request.AdminEmail)
        {
            Add(errors, "adminEmail", "A valid e-mail address for the school's administrator is required.");
        }
        // Whichever way the request came (command line, API, dashboard): no text longer than its field allows.
        foreach (var (field, messages) in TextLimits.Check(request, TextLimits.JsonKey))
        {
            errors.TryAdd(field, messages);
        }
        return errors;
    }

    private static void Add(Dictionary<string, string[]> errors, string field, string message)
        => errors[field] = errors.TryGetValue(field, out var existing) ? [.. existing, message] : [message];

    [GeneratedRegex("^[a-z][a-z0-9-]{1,39}$")]
    private static partial Regex Slug();
}
