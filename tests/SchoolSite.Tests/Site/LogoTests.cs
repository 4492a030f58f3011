using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Provisioning;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Media;

namespace SchoolSite.Tests.Site;

/// <summary>
/// The logo is a picture of the school's own media library, served from its own /media/ address: an address on another
/// website (which the Content-Security-Policy would block, silently) is refused with what to do instead, and a
/// picture of a pupil is never the logo, whatever consent says.
/// </summary>
public sealed partial class LogoTests(MarkupSchoolFixture fixture) : IClassFixture<MarkupSchoolFixture>
{
    [Fact]
    public async Task A_logo_named_by_a_recipe_is_served_from_the_sites_own_media_with_its_size()
    {
        using var visitor = new Browser(fixture.Factory);
        var logo = Logo(await visitor.GetPageAsync("/mk/about"));
        Assert.Contains($"src=\"/mk/media/{MarkupSchoolFixture.Logo}/thumbnail\"", logo);
        Assert.Contains("width=\"320\" height=\"213\"", logo);
        Assert.Contains($"srcset=\"/mk/media/{MarkupSchoolFixture.Logo}/thumbnail 320w", logo);
        Assert.Contains("sizes=\"73px\"", logo);
        Assert.Equal(HttpStatusCode.OK, (await visitor.GetAsync($"/mk/media/{MarkupSchoolFixture.Logo}/thumbnail")).StatusCode);
    }

    [Fact]
    public async Task A_logo_address_on_another_website_is_refused_with_a_message_to_upload_it_instead()
    {
        var result = await ProvisionAsync("outside", logo => logo["LogoUrl"] = "https://cdn.example.org/logo.png");
        Assert.False(result.Succeeded);
        Assert.Contains("Branding.LogoUrl", result.Describe());
        Assert.Contains("Upload the logo on the Logo page", result.Describe());
        Assert.Null(fixture.Factory.Services.GetRequiredService<SchoolSite.Core.Tenancy.TenantRegistry>().Find("outside"));

        // The settings page has no address to type: it shows the logo and leads to the page that uploads one.
        using var head = await fixture.Factory.SignedInAsync("/mk", "head@mk.example", TwoSchoolsFixture.AdminPassword);
        var settings = await head.GetPageAsync("/mk/admin/settings");
        Assert.DoesNotContain("Input.Branding.LogoUrl", settings);
        Assert.Contains($"src=\"/mk/media/{MarkupSchoolFixture.Logo}/thumbnail\"", settings);
        Assert.Contains("href=\"/mk/admin/logo\"", settings);
    }

    [Fact]
    public async Task An_older_recipes_logo_address_on_the_schools_own_site_still_works()
    {
        var result = await ProvisionAsync("older", logo => logo["LogoUrl"] = $"/media/{MarkupSchoolFixture.Logo}/large");
        Assert.True(result.Succeeded, result.Describe());
        using var visitor = new Browser(fixture.Factory);
        Assert.Contains($"src=\"/older/media/{MarkupSchoolFixture.Logo}/thumbnail\"", Logo(await visitor.GetPageAsync("/older/")));
    }

    [Fact]
    public async Task A_picture_of_a_pupil_is_never_the_logo_even_with_consent_for_the_website()
    {
        // demoscience1 shows two pupils whose families said yes: it may be in an article, but never the logo.
        var result = await ProvisionAsync("pupil", logo => logo["Logo"] = "demoscience1");
        Assert.True(result.Succeeded, result.Describe());
        using var visitor = new Browser(fixture.Factory);
        Assert.DoesNotContain("class=\"logo\"", await visitor.GetPageAsync("/pupil/"));
        Assert.Contains("/pupil/media/demoscience1/", await visitor.GetPageAsync("/pupil/news/science-week-visitors"));
    }

    [Fact]
    public async Task An_uploaded_logo_needs_nobody_identifiable_and_shows_once_a_colleague_confirms_it()
    {
        Assert.True((await ProvisionAsync("upload", _ => { })).Succeeded);
        using var head = await fixture.Factory.SignedInAsync("/upload", "head@upload.example", TwoSchoolsFixture.AdminPassword);
        var png = TestImages.Jpeg(600, 200);

        var unconfirmed = await head.UploadAsync("/upload/admin/logo", "Upload", "logo.jpg", png, "image/jpeg");
        Assert.Contains("Confirm that nobody can be identified in the logo", WebUtility.HtmlDecode(await unconfirmed.Content.ReadAsStringAsync()));

        var uploaded = WebUtility.HtmlDecode(await (await head.UploadAsync("/upload/admin/logo", "Upload", "logo.jpg", png, "image/jpeg",
            ("NobodyInIt", "true"))).Content.ReadAsStringAsync());
        Assert.Contains("once a colleague with the consent permission confirms", uploaded);
        var id = LogoId().Match(uploaded).Groups[1].Value;
        Assert.NotEmpty(id);
        using var visitor = new Browser(fixture.Factory);
        Assert.DoesNotContain("class=\"logo\"", await visitor.GetPageAsync("/upload/"));

        // A colleague who may confirm pictures says nobody can be identified in it: the logo is on every page at once.
        var email = "dpo@upload.example";
        var created = await head.SubmitAsync("/upload/admin/users/create",
            ("Input.DisplayName", "Dee Protection"), ("Input.Email", email), ("Input.Password", People.StaffPassword), ("Input.Roles", "DataProtectionOfficer"));
        Assert.Contains("can now sign in", await created.Content.ReadAsStringAsync());
        using var dpo = await fixture.Factory.SignedInAsync("/upload", email, People.StaffPassword);
        await MediaUploads.ConfirmAsync(dpo, "/upload", id);
        var logo = Logo(await visitor.GetPageAsync("/upload/"));
        Assert.Contains($"src=\"/upload/media/{id}/thumbnail\" ", logo);
        Assert.Contains("width=\"320\" height=\"107\"", logo);
        Assert.Contains("This logo is on the website", await head.GetPageAsync("/upload/admin/logo"));

        var removed = await head.SubmitAsync("/upload/admin/logo", [], "/upload/admin/logo?handler=Remove");
        Assert.Contains("The logo is taken off the website", await removed.Content.ReadAsStringAsync());
        Assert.DoesNotContain("class=\"logo\"", await visitor.GetPageAsync("/upload/"));
    }

    private async Task<ProvisioningResult> ProvisionAsync(string name, Action<System.Text.Json.Nodes.JsonObject> branding)
    {
        var recipe = MarkupSchoolFixture.Recipe(branding, "/" + name);
        recipe["name"] = "markup-" + name;
        fixture.Factory.AddRecipe("markup-" + name, recipe.ToJsonString());
        return await fixture.Factory.Services.GetRequiredService<TenantProvisioner>().ProvisionAsync(new TenantRequest
        {
            Name = name, DisplayName = $"{name} Primary", Prefix = name, Recipe = "markup-" + name,
            AdminEmail = $"head@{name}.example", AdminPassword = TwoSchoolsFixture.AdminPassword,
        });
    }

    private static string Logo(string html)
        => LogoImage().Match(html) is { Success: true } m ? m.Value : throw new Xunit.Sdk.XunitException("The page has no logo.");

    [GeneratedRegex("<img class=\"logo\"[^>]*>")]
    private static partial Regex LogoImage();

    [GeneratedRegex("src=\"/upload/media/([A-Za-z0-9]+)/thumbnail\" alt=\"The current logo\"")]
    private static partial Regex LogoId();
}
