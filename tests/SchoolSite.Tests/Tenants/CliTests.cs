using System.Diagnostics;
using System.Net;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Tenants;

/// <summary>The trust's command line, run against the same App_Data as a running host.</summary>
public sealed class CliTests(SqliteSchools fixture) : IClassFixture<SqliteSchools>
{
    private SchoolSiteFactory Factory => fixture.Factory;

    public static TheoryData<string> RecipeFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.EnumerateFiles(SchoolSiteFactory.RepositoryRecipes, "*.json").Order())
        {
            data.Add(Path.GetFileName(file));
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(RecipeFiles))]
    public async Task Every_recipe_in_the_repository_validates(string file)
    {
        var result = await Cli.RunAsync(Factory, "recipes", "validate", Path.Combine(SchoolSiteFactory.RepositoryRecipes, file));
        Assert.True(result.ExitCode == 0, result.Error);
        Assert.Contains($"{file}: valid.", result.Output);
    }

    [Fact]
    public async Task A_broken_recipe_exits_1_with_the_json_path_of_each_problem()
    {
        var file = Path.Combine(Factory.Root, "broken.recipe.json");
        await File.WriteAllTextAsync(file, """
        {
          "name": "broken",
          "steps": [
            { "name": "feature", "enable": ["SchoolSite.Settings", "No.Such.Feature"] },
            { "name": "Roles", "Roles": [ { "Name": "Staff", "Permissions": ["FlyToTheMoon"] } ] },
            { "name": "settings", "SchoolYearStartMonth": 13, "Branding": { "LogoUrl": "javascript:alert(1)" } },
            { "name": "teleport" }
          ]
        }
        """);
        var result = await Cli.RunAsync(Factory, "recipes", "validate", file);
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("Step 1 (feature) at $.steps[0].enable[1]: there is no feature 'No.Such.Feature'", result.Error);
        Assert.Contains("Step 2 (Roles) at $.steps[1].Roles[0].Permissions[0]: there is no permission 'FlyToTheMoon'", result.Error);
        Assert.Contains("Step 3 (settings) at $.steps[2].SchoolYearStartMonth:", result.Error);
        Assert.Contains("Step 3 (settings) at $.steps[2].Branding.LogoUrl:", result.Error);
        Assert.Contains("Step 4 (teleport) at $.steps[3].name: unknown step 'teleport'", result.Error);

        await File.WriteAllTextAsync(file, "{ \"name\": \"broken\", \"steps\": [ ");
        var notJson = await Cli.RunAsync(Factory, "recipes", "validate", file);
        Assert.Equal(1, notJson.ExitCode);
        Assert.Contains("not valid JSON (line 1", notJson.Error);
    }

    [Fact]
    public async Task A_site_created_or_disabled_by_the_cli_is_served_or_refused_by_the_running_host_within_5_seconds()
    {
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync("/from-cli/")).StatusCode);
        var passwordFile = Path.Combine(Factory.Root, "password.txt");
        await File.WriteAllTextAsync(passwordFile, "a password from a file\n");

        var created = await Cli.RunAsync(Factory, "tenants", "create", "--name", "from-cli", "--display-name", "Made On The Command Line",
            "--prefix", "from-cli", "--recipe", "school", "--admin-email", "head@from-cli.example", "--admin-password-file", passwordFile);
        Assert.True(created.ExitCode == 0, created.Error);
        Assert.Contains("Created from-cli at /from-cli/", created.Output);
        Assert.DoesNotContain("shown once", created.Output);

        // The CLI ran in its own container, like a separate process: the host learns of it from the registry.
        await WithinAsync(TimeSpan.FromSeconds(5), async () => (await visitor.GetAsync("/from-cli/")).StatusCode == HttpStatusCode.OK);
        using var head = new Browser(Factory);
        await head.SignInOrFailAsync("/from-cli", "head@from-cli.example", "a password from a file");

        var listed = await Cli.RunAsync(Factory, "tenants", "list");
        Assert.Contains("from-cli\tRunning\t/from-cli/\tMade On The Command Line", listed.Output);

        Assert.Equal(0, (await Cli.RunAsync(Factory, "tenants", "disable", "from-cli")).ExitCode);
        await WithinAsync(TimeSpan.FromSeconds(5), async () => (await visitor.GetAsync("/from-cli/")).StatusCode == HttpStatusCode.ServiceUnavailable);

        Assert.Equal(0, (await Cli.RunAsync(Factory, "tenants", "enable", "from-cli")).ExitCode);
        await WithinAsync(TimeSpan.FromSeconds(5), async () => (await visitor.GetAsync("/from-cli/")).StatusCode == HttpStatusCode.OK);

        var unknown = await Cli.RunAsync(Factory, "tenants", "disable", "nobody");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("there is no site named 'nobody'", unknown.Error);
    }

    [Fact]
    public async Task Missing_options_exit_1_saying_which()
    {
        var result = await Cli.RunAsync(Factory, "tenants", "create", "--name", "half");
        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--display-name", result.Error);
        Assert.Contains("--admin-email", result.Error);
    }

    [Fact]
    public async Task Many_schools_are_made_from_a_csv_file_in_one_run_and_a_bad_file_makes_none_naming_each_problem_by_line()
    {
        var folder = Directory.CreateTempSubdirectory("schoolsite-batch-").FullName;
        var bad = Path.Combine(folder, "bad.csv");
        await File.WriteAllTextAsync(bad, """
            name,displayName,prefix,recipe,adminEmail
            ash,Ash Primary,ash,school-site,head@ash.example
            birch,,birch,school-site,head@birch.example
            ash,Ash Again,ash2,school-site,head@ash2.example
            cedar,Cedar Primary,ash,school-site,head@cedar.example
            """);
        var refused = await Cli.RunAsync(Factory, "tenants", "create", "--from", bad);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("line 3, column 'displayName': give a value.", refused.Error);
        Assert.Contains("line 4, column 'name': 'ash' is already on line 2.", refused.Error);
        Assert.Contains("line 5, column 'prefix': 'ash' is already on line 2.", refused.Error);
        Assert.Contains("No school site was created", refused.Error);
        Assert.Null(Factory.Services.GetRequiredService<SchoolSite.Core.Tenancy.TenantRegistry>().Find("ash"));

        var good = Path.Combine(folder, "schools.csv");
        await File.WriteAllTextAsync(good, """
            name,displayName,prefix,recipe,adminEmail
            ash,Ash Primary,ash,school-site,head@ash.example
            birch,Birch Academy,birch,school-site,head@birch.example
            beta,Taken Already,beta-two,school-site,head@beta2.example
            """);
        var made = await Cli.RunAsync(Factory, "tenants", "create", "--from", good);
        Assert.Equal(1, made.ExitCode);
        Assert.Contains("[1/3] created ash at /ash/", made.Output);
        Assert.Contains("[2/3] created birch at /birch/", made.Output);
        Assert.Contains("Created 2 of 3 school sites", made.Output);
        Assert.Contains("line 4, ", made.Error);
        using var visitor = new Browser(Factory);
        await WithinAsync(TimeSpan.FromSeconds(5), async () => (await visitor.GetAsync("/birch/")).StatusCode == System.Net.HttpStatusCode.OK);
        Directory.Delete(folder, recursive: true);
    }

    /// <summary>Polls (no fixed sleep) until the condition holds, failing after the limit.</summary>
    private static async Task WithinAsync(TimeSpan limit, Func<Task<bool>> condition)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(clock.Elapsed < limit, $"Not true within {limit.TotalSeconds} s.");
            await Task.Delay(100);
        }
    }
}

public sealed class CliFailureTests
{
    [Fact]
    public async Task An_unreachable_database_exits_2_saying_what_failed()
    {
        await using var factory = new SchoolSiteFactory(TestDatabase.Sqlite);
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SchoolSite.Web.Cli.SchoolSiteCli.RunAsync(["tenants", "list"], config =>
        {
            config.AddInMemoryCollection(factory.Settings);
            config.AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["SchoolSite:Database:Provider"] = "PostgreSql",
                ["SchoolSite:Database:ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Timeout=2",
            });
        }, output, error);
        Assert.Equal(2, code);
        Assert.StartsWith("error: ", error.ToString());
    }
}
