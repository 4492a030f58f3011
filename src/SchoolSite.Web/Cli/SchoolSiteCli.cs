using System.CommandLine;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Provisioning;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tenants.Services;

namespace SchoolSite.Web.Cli;

/// <summary>
/// The trust's command line, run through the host: the same configuration, App_Data and services as
/// the web server. Exit codes: 0 success, 1 invalid input (what and where on stderr), 2 failure.
/// </summary>
public static class SchoolSiteCli
{
    public const int Ok = 0;
    public const int InvalidInput = 1;
    public const int Failure = 2;

    private static readonly string[] Commands = ["tenants", "recipes", "apikeys", "audit"];

    public static bool Handles(string[] args) => args.Length > 0 && Commands.Contains(args[0]);

    public static async Task<int> RunAsync(string[] args, Action<IConfigurationBuilder>? configure, TextWriter output, TextWriter error)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = [], ContentRootPath = SchoolSiteHost.ContentRoot(Directory.GetCurrentDirectory()) });
        SchoolSiteHost.QuietDatabaseLogs(builder.Configuration, builder.Logging);
        builder.Logging.ClearProviders();
        configure?.Invoke(builder.Configuration);
        // The CLI never makes the demo school; it only makes what it is asked to.
        builder.Configuration["SchoolSite:Demo:Enabled"] = "false";
        builder.Services.AddSchoolSite(builder.Configuration, SchoolSiteHost.Modules());
        using var host = builder.Build();
        var services = host.Services;

        var root = new RootCommand("SchoolSite: school websites for a trust.");
        root.Subcommands.Add(TenantsCommand(services, output, error));
        root.Subcommands.Add(RecipesCommand(services, output, error));
        root.Subcommands.Add(ApiKeysCommand(services, output, error));
        root.Subcommands.Add(AuditCommand(services, output, error));

        try
        {
            return await root.Parse(args).InvokeAsync(new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false });
        }
        catch (Exception ex)
        {
            await error.WriteLineAsync("error: " + ex.Message);
            return Failure;
        }
    }

    private static Command TenantsCommand(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var tenants = new Command("tenants", "Create, list, disable and enable school sites.");

        var name = new Option<string>("--name") { Description = "Short name: lower-case letters, digits and dashes." };
        var displayName = new Option<string>("--display-name") { Description = "The school's name, e.g. \"Oakwood Primary\"." };
        var prefix = new Option<string?>("--prefix") { Description = "URL prefix: the site answers at /PREFIX/." };
        var hosts = new Option<string[]>("--host") { Description = "A host name the site answers on (repeatable).", AllowMultipleArgumentsPerToken = false };
        var recipe = new Option<string>("--recipe") { Description = "Recipe name from recipes/, e.g. school." };
        var adminEmail = new Option<string>("--admin-email") { Description = "E-mail of the school's administrator." };
        var passwordFile = new Option<FileInfo?>("--admin-password-file") { Description = "File holding the administrator's password; one is generated when omitted." };
        var from = new Option<FileInfo?>("--from") { Description = "A CSV file of schools to create, one a line (columns name, displayName, recipe, adminEmail, prefix, hosts)." };
        var create = new Command("create", "Create a school site from a recipe, or many from a CSV file (--from).") { name, displayName, prefix, hosts, recipe, adminEmail, passwordFile, from };
        create.SetAction(async (parse, cancellationToken) =>
        {
            if (parse.GetValue(from) is { } batch)
            {
                if (!batch.Exists)
                {
                    await error.WriteLineAsync($"--from: the file '{batch.FullName}' does not exist.");
                    return InvalidInput;
                }
                var (rows, problems) = await TenantBatch.ReadAsync(batch.FullName, cancellationToken);
                if (problems.Count > 0)
                {
                    foreach (var problem in problems)
                    {
                        await error.WriteLineAsync(problem);
                    }
                    await error.WriteLineAsync("No school site was created: put these right and run it again.");
                    return InvalidInput;
                }
                await services.GetRequiredService<HostSetup>().InitializeAsync(output, cancellationToken);
                return await TenantBatch.CreateAsync(rows, services.GetRequiredService<TenantProvisioner>(), output, error, cancellationToken) == 0 ? Ok : InvalidInput;
            }
            var missing = new (Option Option, bool Given)[]
            {
                (name, parse.GetValue(name) is not null), (displayName, parse.GetValue(displayName) is not null),
                (recipe, parse.GetValue(recipe) is not null), (adminEmail, parse.GetValue(adminEmail) is not null),
            }.Where(o => !o.Given).Select(o => o.Option.Name).ToList();
            if (missing.Count > 0)
            {
                await error.WriteLineAsync($"Give {string.Join(", ", missing)} (or --from FILE for many schools at once).");
                return InvalidInput;
            }
            string? password = null;
            if (parse.GetValue(passwordFile) is { } file)
            {
                if (!file.Exists)
                {
                    await error.WriteLineAsync($"--admin-password-file: the file '{file.FullName}' does not exist.");
                    return InvalidInput;
                }
                password = (await File.ReadAllTextAsync(file.FullName, cancellationToken)).TrimEnd('\r', '\n');
            }
            await services.GetRequiredService<HostSetup>().InitializeAsync(output, cancellationToken);
            var result = await services.GetRequiredService<TenantProvisioner>().ProvisionAsync(new TenantRequest
            {
                Name = parse.GetValue(name),
                DisplayName = parse.GetValue(displayName),
                Prefix = parse.GetValue(prefix),
                Hosts = parse.GetValue(hosts) ?? [],
                Recipe = parse.GetValue(recipe),
                AdminEmail = parse.GetValue(adminEmail),
                AdminPassword = password,
            }, TrustCaller.CommandLine, cancellationToken);
            if (!result.Succeeded)
            {
                foreach (var (field, messages) in result.Errors)
                {
                    foreach (var message in messages)
                    {
                        await error.WriteLineAsync($"{field}: {message}");
                    }
                }
                return result.Outcome == ProvisioningOutcome.Failed ? Failure : InvalidInput;
            }
            var where = result.PathBase is not null ? result.PathBase + "/" : $"http://{result.Hosts[0]}/";
            await output.WriteLineAsync($"Created {result.TenantName} at {where}");
            if (result.GeneratedAdminPassword is { } generated)
            {
                await output.WriteLineAsync($"Administrator password (shown once): {generated}");
            }
            return Ok;
        });
        tenants.Subcommands.Add(create);

        var list = new Command("list", "List the school sites.");
        list.SetAction(async (_, cancellationToken) =>
        {
            await services.GetRequiredService<HostSetup>().InitializeAsync(output, cancellationToken);
            var registry = services.GetRequiredService<TenantRegistry>();
            foreach (var tenant in registry.Schools.OrderBy(t => t.Name, StringComparer.Ordinal))
            {
                var where = string.Join(" ", tenant.Hosts.Append(tenant.PathBase is { Length: > 0 } p ? p + "/" : string.Empty).Where(s => s.Length > 0));
                await output.WriteLineAsync($"{tenant.Name}\t{tenant.State}\t{where}\t{tenant.DisplayName}");
            }
            return Ok;
        });
        tenants.Subcommands.Add(list);

        tenants.Subcommands.Add(StateCommand("disable", TenantState.Disabled, services, output, error));
        tenants.Subcommands.Add(StateCommand("enable", TenantState.Running, services, output, error));
        return tenants;
    }

    private static Command StateCommand(string verb, TenantState state, IServiceProvider services, TextWriter output, TextWriter error)
    {
        var name = new Argument<string>("name") { Description = "The site's short name." };
        var command = new Command(verb, $"{char.ToUpperInvariant(verb[0])}{verb[1..]} a school site.") { name };
        command.SetAction(async (parse, cancellationToken) =>
        {
            await services.GetRequiredService<HostSetup>().InitializeAsync(output, cancellationToken);
            var tenantName = parse.GetValue(name)!;
            var tenant = services.GetRequiredService<TenantRegistry>().Find(tenantName);
            if (tenant is null || tenant.IsHost)
            {
                await error.WriteLineAsync($"name: there is no site named '{tenantName}'.");
                return InvalidInput;
            }
            await services.GetRequiredService<TenantProvisioner>().SetStateAsync(tenantName, state, TrustCaller.CommandLine, cancellationToken);
            await output.WriteLineAsync($"{tenantName} is now {state}.");
            return Ok;
        });
        return command;
    }

    private static Command AuditCommand(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var audit = new Command("audit", "Check a school's audit trail.");
        var tenantOption = new Option<string>("--tenant") { Description = "The site's short name.", Required = true };
        var verify = new Command("verify", "Check that no audit entry was changed or removed; exit 2 naming the first broken link.") { tenantOption };
        verify.SetAction(async (parse, cancellationToken) =>
        {
            await services.GetRequiredService<HostSetup>().InitializeAsync(output, cancellationToken);
            var tenantName = parse.GetValue(tenantOption)!;
            var tenant = services.GetRequiredService<TenantRegistry>().Find(tenantName);
            if (tenant is null || tenant.IsHost)
            {
                await error.WriteLineAsync($"--tenant: there is no site named '{tenantName}'.");
                return InvalidInput;
            }
            await using var scope = await services.GetRequiredService<TenantScopes>().EnterAsync(tenant, cancellationToken);
            var result = await scope.ServiceProvider.GetRequiredService<SchoolSite.AuditTrail.Services.AuditChain>().VerifyAsync(cancellationToken);
            if (!result.Intact)
            {
                await error.WriteLineAsync($"{tenantName}: the audit trail is broken at entry {result.BrokenAt}: {result.Problem}");
                return Failure;
            }
            await output.WriteLineAsync($"{tenantName}: the audit trail is intact ({result.Entries} entries).");
            return Ok;
        });
        audit.Subcommands.Add(verify);
        return audit;
    }

    private static Command RecipesCommand(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var recipes = new Command("recipes", "Work with recipe files.");
        var file = new Argument<FileInfo>("file") { Description = "The recipe file to check." };
        var validate = new Command("validate", "Check a recipe file without running it.") { file };
        validate.SetAction(async (parse, cancellationToken) =>
        {
            var info = parse.GetValue(file)!;
            if (!info.Exists)
            {
                await error.WriteLineAsync($"file: '{info.FullName}' does not exist.");
                return InvalidInput;
            }
            var json = await File.ReadAllTextAsync(info.FullName, cancellationToken);
            var errors = services.GetRequiredService<SchoolSite.Core.Recipes.RecipeValidator>().Validate(json, out var document);
            document?.Dispose();
            if (errors.Count > 0)
            {
                foreach (var e in errors)
                {
                    await error.WriteLineAsync($"{info.Name}: {e}");
                }
                return InvalidInput;
            }
            await output.WriteLineAsync($"{info.Name}: valid.");
            return Ok;
        });
        recipes.Subcommands.Add(validate);

        // Parts (run by other recipes) and the trust's own recipe are not offered: each line makes a whole school.
        var list = new Command("list", "List the recipes a school can be made from.");
        list.SetAction(async (parse, cancellationToken) =>
        {
            foreach (var entry in services.GetRequiredService<SchoolSite.Core.Recipes.RecipeLibrary>().ForSchools())
            {
                await output.WriteLineAsync($"{entry.Name}: {entry.DisplayName}{(string.IsNullOrWhiteSpace(entry.Description) ? "" : " — " + entry.Description)}");
            }
            return Ok;
        });
        recipes.Subcommands.Add(list);
        return recipes;
    }

    private static Command ApiKeysCommand(IServiceProvider services, TextWriter output, TextWriter error)
    {
        var apikeys = new Command("apikeys", "Trust API keys.");
        var name = new Option<string>("--name") { Description = "What the key is for.", Required = true };
        var create = new Command("create", "Create a trust API key; it is printed once.") { name };
        create.SetAction(async (parse, cancellationToken) =>
        {
            var keyName = parse.GetValue(name)!;
            if (string.IsNullOrWhiteSpace(keyName) || keyName.Length > 200)
            {
                await error.WriteLineAsync("--name: give a name of 1 to 200 characters.");
                return InvalidInput;
            }
            await services.GetRequiredService<HostSetup>().InitializeAsync(output, cancellationToken);
            // In the trust's own scope: the key is the trust's, and so is the audit entry for it.
            await using var scope = await services.GetRequiredService<TenantScopes>().EnterAsync(services.GetRequiredService<TenantRegistry>().HostTenant, cancellationToken);
            var (key, _) = await scope.ServiceProvider.GetRequiredService<ApiKeys>().CreateAsync(keyName, TrustCaller.CommandLine.Actor, cancellationToken);
            await output.WriteLineAsync(key);
            return Ok;
        });
        apikeys.Subcommands.Add(create);
        return apikeys;
    }
}
