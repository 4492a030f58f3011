using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Modules;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Media;
using Xunit.Abstractions;

namespace SchoolSite.Tests.Site;

/// <summary>
/// One publication policy for every public channel: what the site hides (a staff-only policy, a picture or document
/// of a child whose family said no, a policy owner's e-mail) is hidden from the content API, the files, the feed and
/// the sitemap too, and a new anonymous endpoint must say what it shows before it is allowed.
/// </summary>
public sealed partial class PublicationPolicyTests(SqliteSchools fixture, ITestOutputHelper output) : IClassFixture<SqliteSchools>
{
    private SchoolSiteFactory Factory => fixture.Factory;

    /// <summary>A school with something of each kind the public must not see, made the way its staff would.</summary>
    private sealed record Secrets(string School, string StaffPolicy, string PublicPolicy, string Page, string PagePath, string Picture, string Document)
    {
        public IEnumerable<string> Words =>
            [StaffText, OwnerOfStaffPolicy, OwnerOfPublicPolicy, Alt, Caption, Picture, Document];
    }

    private const string StaffText = "SECRET-STAFF-7731";
    private const string OwnerOfStaffPolicy = "owner.staff@secret.example";
    private const string OwnerOfPublicPolicy = "owner.public@secret.example";
    private const string Alt = "SECRET-ALT-5521";
    private const string Caption = "SECRET-CAPTION-5522";

    private async Task<Secrets> SchoolWithSecretsAsync(string name)
    {
        await Factory.CreateSchoolAsync(name, $"{name} Primary", name);
        var pathBase = "/" + name;
        using var head = await Factory.SignedInAsync(pathBase, $"head@{name}.example", TwoSchoolsFixture.AdminPassword);
        var api = new ContentApiClient(head, pathBase);
        async Task<string> PolicyAsync(string title, string audience, string owner, string text)
        {
            var policy = await api.CreateOrFailAsync(new Dictionary<string, object>
            {
                ["ContentType"] = "PolicyPage",
                ["TitlePart"] = new { Title = title },
                ["HtmlBodyPart"] = new { Html = $"<p>{text}</p>" },
                ["PolicyPage"] = new { Audience = new { Text = audience }, Owner = new { Text = owner } },
            });
            return (await api.PublishOrFailAsync(policy["ContentItemId"]!.GetValue<string>()))["ContentItemId"]!.GetValue<string>();
        }
        var staffPolicy = await PolicyAsync("Staff photography rules", "Staff", OwnerOfStaffPolicy, StaffText);
        var publicPolicy = await PolicyAsync("Photography at events", "Public", OwnerOfPublicPolicy, "Please do not share photos of other children.");

        var pupil = await Register.PupilAsync(head, pathBase, "Freya", "Olsen");
        await Register.ConsentAsync(head, pathBase, pupil, "website", "Granted");
        var pictureUrl = await MediaUploads.PictureOfAsync(head, pathBase, TestImages.Jpeg(200, 150), Alt, pupil);
        await head.Http.PutAsJsonAsync($"{pathBase}/api/media/{Register.IdOf(pictureUrl)}", new { caption = Caption });
        var document = await (await MediaUploads.PostAsync(head, pathBase, TestPdfs.Plain(), "letter.pdf"))
            .Content.ReadFromJsonAsync<JsonObject>();
        var documentUrl = document!["url"]!.GetValue<string>();
        await head.Http.PutAsJsonAsync($"{pathBase}/api/media/{document["id"]!.GetValue<string>()}", new { people = new[] { pupil } });
        var page = await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "Page",
            ["TitlePart"] = new { Title = "Sports day" },
            ["AutoroutePart"] = new { Path = "sports-day" },
            ["HtmlBodyPart"] = new { Html = $"<p>What a day.</p><figure><img src=\"{pictureUrl}\" alt=\"{Alt}\"><figcaption>{Caption}</figcaption></figure><p><a href=\"{documentUrl}\">Freya's letter</a></p>" },
            ["Page"] = new { Pictures = new { MediaIds = new[] { Register.IdOf(pictureUrl) } } },
        });
        var pageId = (await api.PublishOrFailAsync(page["ContentItemId"]!.GetValue<string>()))["ContentItemId"]!.GetValue<string>();
        using (var visitor = new Browser(Factory))
        {
            Assert.Contains(Alt, await visitor.GetPageAsync($"{pathBase}/sports-day"));
        }
        // The family says no: from now on the site hides both the picture and the document.
        await Register.ConsentAsync(head, pathBase, pupil, "website", "Refused");
        return new Secrets(name, staffPolicy, publicPolicy, pageId, "sports-day", Register.IdOf(pictureUrl), Register.IdOf(documentUrl));
    }

    [Fact]
    public async Task The_public_content_API_shows_only_what_the_site_shows()
    {
        var secrets = await SchoolWithSecretsAsync("leaky-api");
        using var visitor = new Browser(Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"/leaky-api/api/content/{secrets.StaffPolicy}")).StatusCode);

        var page = await visitor.GetAsync($"/leaky-api/api/content/{secrets.Page}");
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var json = await page.Content.ReadAsStringAsync();
        Assert.Contains("What a day.", json);
        Assert.Contains("Freya's letter", json);
        foreach (var hidden in new[] { secrets.Picture, secrets.Document, Alt, Caption, "<img", "<figure" })
        {
            Assert.DoesNotContain(hidden, json);
        }
        var policy = await visitor.Http.GetStringAsync($"/leaky-api/api/content/{secrets.PublicPolicy}");
        Assert.Contains("Please do not share photos", policy);
        Assert.DoesNotContain(OwnerOfPublicPolicy, policy);

        // Staff allowed to see the staff-only policy still can, with its owner.
        using var head = await Factory.SignedInAsync("/leaky-api", "head@leaky-api.example", TwoSchoolsFixture.AdminPassword);
        var forStaff = await head.Http.GetStringAsync($"/leaky-api/api/content/{secrets.StaffPolicy}");
        Assert.Contains(StaffText, forStaff);
        Assert.Contains(OwnerOfStaffPolicy, forStaff);
    }

    [Fact]
    public async Task Every_anonymous_endpoint_says_what_it_shows_and_no_public_channel_shows_what_the_site_hides()
    {
        var endpoints = Factory.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null).ToList();
        Assert.True(endpoints.Count >= 10, $"Only {endpoints.Count} anonymous endpoints found.");
        var undeclared = endpoints.Where(e => (e.Metadata.GetMetadata<PublicChannelAttribute>() is null) == (e.Metadata.GetMetadata<NoSchoolContentAttribute>() is null))
            .Select(Describe).ToList();
        Assert.True(undeclared.Count == 0,
            "Each endpoint anyone may reach must say what it shows: [PublicChannel] (and answer through the publication policy) or [NoSchoolContent]:\n"
            + string.Join("\n", undeclared));

        var secrets = await SchoolWithSecretsAsync("leaky");
        using var visitor = new Browser(Factory);
        var probed = 0;
        foreach (var endpoint in endpoints)
        {
            var pattern = "/" + (endpoint.RoutePattern.RawText ?? string.Empty).TrimStart('/');
            var channel = endpoint.Metadata.GetMetadata<PublicChannelAttribute>() is not null;
            output.WriteLine($"{(channel ? "channel   " : "no content")} {pattern}");
            foreach (var url in Urls(pattern, secrets).SelectMany(u => new[] { u, "/leaky" + u }))
            {
                var response = await visitor.GetAsync(url);
                var body = await response.Content.ReadAsStringAsync();
                probed++;
                // An id the caller typed may be echoed back ("There is no content item …"): that tells them nothing.
                foreach (var secret in secrets.Words.Where(s => body.Contains(s, StringComparison.Ordinal) && !url.Contains(s, StringComparison.Ordinal)))
                {
                    Assert.Fail($"GET {url} ({pattern}) answered {(int)response.StatusCode} showing '{secret}', which the site hides.");
                }
            }
        }
        output.WriteLine($"Public channels: {probed} requests to {endpoints.Count} anonymous endpoints showed nothing the site hides.");
        // The probes reached real content, so a leak would have been seen.
        Assert.Contains("What a day.", await visitor.GetPageAsync("/leaky/sports-day"));
        Assert.Contains("Photography at events", await visitor.GetPageAsync($"/leaky/api/content/{secrets.PublicPolicy}"));
    }

    /// <summary>Concrete addresses for a route pattern, each parameter filled with every value a leak could use.</summary>
    private static IEnumerable<string> Urls(string pattern, Secrets secrets)
    {
        var values = new Dictionary<string, string[]>
        {
            ["id"] = [secrets.StaffPolicy, secrets.PublicPolicy, secrets.Page, secrets.Picture, secrets.Document],
            ["rendition"] = ["original", "large", "medium", "thumbnail"],
            ["path"] = [secrets.PagePath, "staff-photography-rules", "policies", "news", string.Empty],
            ["token"] = ["scl_not-a-real-token"],
        };
        IEnumerable<string> urls = [pattern];
        foreach (Match parameter in Parameter().Matches(pattern))
        {
            var name = parameter.Groups[1].Value;
            urls = urls.SelectMany(u => values.GetValueOrDefault(name, ["x"]).Select(v => u.Replace(parameter.Value, v))).ToList();
        }
        return urls.SelectMany(u => u.Contains("/api/content/", StringComparison.Ordinal) ? [u, u + "?version=published"] : new[] { u }).Distinct();
    }

    private static string Describe(RouteEndpoint endpoint)
        => $"{string.Join(",", endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"])} /{endpoint.RoutePattern.RawText?.TrimStart('/')} ({endpoint.DisplayName})";

    [GeneratedRegex(@"\{\**([A-Za-z]+)[^}]*\}")]
    private static partial Regex Parameter();
}
