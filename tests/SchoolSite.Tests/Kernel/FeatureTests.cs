using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Kernel;

/// <summary>A module with a dependency chain, to see the feature rules work through the admin page.</summary>
public sealed class GardenModule : SchoolSiteModule
{
    public const string Beds = "Test.Garden.Beds";
    public const string Greenhouse = "Test.Garden.Greenhouse";

    public override string Name => "Test.Garden";

    public override IEnumerable<FeatureDescriptor> Features =>
    [
        FeatureDescriptor.Create(Beds, "Garden beds", "A feature others build on.", "Test"),
        FeatureDescriptor.Create(Greenhouse, "Greenhouse", "Needs the garden beds.", "Test", Beds),
    ];

    public override void MapEndpoints(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/greenhouse", () => "Tomatoes growing")
            .WithMetadata(new FeatureAttribute(Greenhouse))
            .RequireAuthorization(PermissionRequirement.Policy(CorePermissions.AccessAdmin));
    }
}

public sealed class GardenFactory() : SchoolSiteFactory(TestDatabase.Sqlite)
{
    protected override IEnumerable<SchoolSiteModule> ExtraModules => [new GardenModule()];
}

public sealed class GardenSchools : IAsyncLifetime
{
    public GardenFactory Factory { get; } = new();

    public async Task InitializeAsync()
    {
        _ = Factory.Server;
        var result = await Cli.RunAsync(Factory, "tenants", "create", "--name", "alpha", "--display-name", "Alpha Primary",
            "--prefix", "alpha", "--recipe", "school", "--admin-email", TwoSchoolsFixture.AlphaAdmin);
        var password = result.Output.Split("(shown once): ").Last().Trim();
        Password = password;
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(result.Error);
        }
        await Factory.Services.GetRequiredService<SchoolSite.Core.Tenancy.TenantRegistry>().ReloadAsync();
    }

    public string Password { get; private set; } = string.Empty;

    public async Task DisposeAsync() => await Factory.DisposeAsync();
}

public sealed class FeatureTests(GardenSchools fixture) : IClassFixture<GardenSchools>
{
    [Fact]
    public async Task Features_follow_their_dependencies_and_gate_their_endpoints()
    {
        using var admin = new Browser(fixture.Factory);
        await admin.SignInOrFailAsync("/alpha", TwoSchoolsFixture.AlphaAdmin, fixture.Password);

        // Disabled: the endpoint answers 404, as if it did not exist.
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/alpha/greenhouse")).StatusCode);

        // Enabling the dependant enables its dependency too.
        var enabled = await admin.SubmitAsync("/alpha/admin/features", [new("id", GardenModule.Greenhouse)], "/alpha/admin/features?handler=Enable");
        var page = await enabled.Content.ReadAsStringAsync();
        Assert.Contains("Enabled: Garden beds, Greenhouse", page);
        Assert.Equal("Tomatoes growing", await admin.GetPageAsync("/alpha/greenhouse"));

        // Disabling the dependency while the dependant is on is refused, naming the dependant.
        var refused = await admin.SubmitAsync("/alpha/admin/features", [new("id", GardenModule.Beds)], "/alpha/admin/features?handler=Disable");
        var refusal = System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync());
        Assert.Contains("'Garden beds' (Test.Garden.Beds) cannot be disabled because 'Greenhouse' (Test.Garden.Greenhouse) needs it", refusal);
        Assert.Equal("Tomatoes growing", await admin.GetPageAsync("/alpha/greenhouse"));

        // Disabling the dependant takes its endpoint away again.
        await admin.SubmitAsync("/alpha/admin/features", [new("id", GardenModule.Greenhouse)], "/alpha/admin/features?handler=Disable");
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/alpha/greenhouse")).StatusCode);
    }

    [Fact]
    public async Task A_disabled_feature_hides_its_admin_menu_entry_and_pages()
    {
        using var admin = new Browser(fixture.Factory);
        await admin.SignInOrFailAsync("/alpha", TwoSchoolsFixture.AlphaAdmin, fixture.Password);
        Assert.Contains("href=\"/alpha/admin/roles\"", await admin.GetPageAsync("/alpha/admin"));

        await admin.SubmitAsync("/alpha/admin/features", [new("id", "SchoolSite.Roles")], "/alpha/admin/features?handler=Disable");
        Assert.DoesNotContain("href=\"/alpha/admin/roles\"", await admin.GetPageAsync("/alpha/admin"));
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync("/alpha/admin/roles")).StatusCode);

        await admin.SubmitAsync("/alpha/admin/features", [new("id", "SchoolSite.Roles")], "/alpha/admin/features?handler=Enable");
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/alpha/admin/roles")).StatusCode);
    }

    [Fact]
    public async Task A_feature_the_site_needs_cannot_be_disabled()
    {
        using var admin = new Browser(fixture.Factory);
        await admin.SignInOrFailAsync("/alpha", TwoSchoolsFixture.AlphaAdmin, fixture.Password);
        var refused = await admin.SubmitAsync("/alpha/admin/features", [new("id", "SchoolSite.Users")], "/alpha/admin/features?handler=Disable");
        Assert.Contains("cannot be disabled", System.Net.WebUtility.HtmlDecode(await refused.Content.ReadAsStringAsync()));
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync("/alpha/admin/users")).StatusCode);
    }
}
