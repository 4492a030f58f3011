using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Tenancy;
using SchoolSite.Statutory.Services;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Statutory;

/// <summary>
/// What a school must publish, as its staff and the trust see it: a new school's checklist, linking a page, the page
/// unpublished or its review date passing (on the school's checklist and the trust's overview alike, on the next
/// request), items for other kinds of school left out, reminders, the public Key information page, and the recipe's
/// errors. Each test has its own installation on a fake clock (Monday 2 November 2026), on SQLite and on PostgreSQL.
/// </summary>
public abstract partial class StatutoryTests(string provider) : IAsyncLifetime
{
    private const string Oak = "/oak";
    private const string Elm = "/elm";
    private static readonly DateTimeOffset Start = new(2026, 11, 2, 9, 0, 0, TimeSpan.Zero);

    private ClockedFactory Factory { get; } = new(Start, provider);

    private SmtpSink Mail { get; } = new();

    public async Task InitializeAsync()
    {
        ReviewSchoolFixture.SendMailTo(Factory, Mail);
        _ = Factory.Server;
        // Oak: the complete school recipe. Elm: the standard site, where the head publishes straight away.
        await Factory.CreateSchoolAsync("oak", "Oak Primary", "oak", recipe: "school");
        await Factory.CreateSchoolAsync("elm", "Elm Primary", "elm");
    }

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Mail.DisposeAsync();
    }

    [Fact]
    public async Task A_school_made_from_the_school_recipe_starts_with_its_contact_page_met_and_the_rest_missing()
    {
        using var head = await Factory.SignedInAsync(Oak, "head@oak.example", TwoSchoolsFixture.AdminPassword);
        var checklist = await ChecklistAsync(head, Oak);
        Assert.Equal("met", StatusOf(checklist, "contact-details"));
        Assert.Equal("/oak/contact", checklist["requirements"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == "contact-details")!["metBy"]![0]!["url"]!.GetValue<string>());
        var missing = checklist["requirements"]!.AsArray().Where(r => r!["status"]!.GetValue<string>() == "missing").Select(r => r!["key"]!.GetValue<string>()).ToList();
        Assert.Contains("admission-arrangements", missing);
        Assert.Contains("ofsted-report", missing);
        Assert.Equal(checklist["requirements"]!.AsArray().Count - 1, missing.Count);

        // The checklist page says so in words, with the count.
        var page = Text(await head.GetPageAsync($"{Oak}/admin/statutory"));
        Assert.Contains($"1 of {missing.Count + 1} published and up to date", page);
        Assert.Contains("Missing: nothing published meets this yet", page);

        // The public Key information page is in the menu and lists what is met, never what is missing.
        using var visitor = new Browser(Factory);
        var home = await visitor.GetPageAsync($"{Oak}/");
        Assert.Contains("href=\"/oak/key-information\"", home);
        var key = await visitor.GetPageAsync($"{Oak}/key-information");
        Assert.Contains("Contact details", key);
        Assert.Contains("href=\"/oak/contact\"", key);
        Assert.DoesNotContain("Admission arrangements", key);
    }

    [Fact]
    public async Task Linking_a_page_meets_its_item_and_unpublishing_it_or_passing_its_review_date_shows_on_the_next_request_for_school_and_trust()
    {
        using var head = await Factory.SignedInAsync(Elm, "head@elm.example", TwoSchoolsFixture.AdminPassword);
        using var trust = await Factory.SignedInAsync(string.Empty, SchoolSiteFactory.TrustAdminEmail, SchoolSiteFactory.TrustAdminPassword);
        var api = new ContentApiClient(head, Elm);
        var behaviour = (await api.CreateOrFailAsync(ContentApiClient.Page("Our behaviour policy", "<p>Kindness first.</p>", "behaviour")))["ContentItemId"]!.GetValue<string>();
        await api.PublishOrFailAsync(behaviour);
        Assert.Equal("missing", StatusOf(await ChecklistAsync(head, Elm), "behaviour-policy"));
        Assert.Equal("missing", await TrustStatusAsync(trust, "elm", "behaviour-policy"));

        // From the editor: the page says what it meets, and opens the checklist with itself chosen.
        var editor = await head.GetPageAsync($"{Elm}/admin/content/{behaviour}/edit");
        Assert.Contains("Say what this page meets of what we must publish", editor);
        Assert.Contains($"href=\"/elm/admin/statutory?item={behaviour}\"", editor);
        var chosen = await head.GetPageAsync($"{Elm}/admin/statutory?item={behaviour}");
        Assert.Contains($"<option value=\"{behaviour}\" selected=\"selected\">Our behaviour policy</option>", chosen);
        Assert.Contains("'Our behaviour policy' is chosen below", chosen);
        var linked = await head.SubmitAsync($"{Elm}/admin/statutory?item={behaviour}", [new("Requirement", "behaviour-policy"), new("PageId", behaviour)], $"{Elm}/admin/statutory?handler=Link");
        Assert.Equal(HttpStatusCode.Redirect, linked.StatusCode);
        var checklist = await ChecklistAsync(head, Elm);
        Assert.Equal("met", StatusOf(checklist, "behaviour-policy"));
        Assert.Equal("2027-11-02", Requirement(checklist, "behaviour-policy")["nextReview"]!.GetValue<string>());
        Assert.Equal("met", await TrustStatusAsync(trust, "elm", "behaviour-policy"));
        Assert.Contains("This page meets: Behaviour policy", await head.GetPageAsync($"{Elm}/admin/content/{behaviour}/edit"));

        // Unpublished: nothing meets it any more; published again: it counts again.
        Assert.Equal(HttpStatusCode.OK, (await head.Http.PostAsync($"{Elm}/api/content/{behaviour}/unpublish", null)).StatusCode);
        Assert.Equal("missing", StatusOf(await ChecklistAsync(head, Elm), "behaviour-policy"));
        Assert.Equal("missing", await TrustStatusAsync(trust, "elm", "behaviour-policy"));
        Assert.Contains("Our behaviour policy: publish it again for it to count", Text(await head.GetPageAsync($"{Elm}/admin/statutory")));
        await api.PublishOrFailAsync(behaviour);
        Assert.Equal("met", StatusOf(await ChecklistAsync(head, Elm), "behaviour-policy"));

        // A year on (reviewed every year): due within a month of its date, then overdue the day after. (Sign-ins from
        // a year ago have long expired: each looks again as a new session.)
        Factory.Clock.Advance(TimeSpan.FromDays(340));
        using (var headLater = await Factory.SignedInAsync(Elm, "head@elm.example", TwoSchoolsFixture.AdminPassword))
        using (var trustLater = await Factory.SignedInAsync(string.Empty, SchoolSiteFactory.TrustAdminEmail, SchoolSiteFactory.TrustAdminPassword))
        {
            Assert.Equal("due", StatusOf(await ChecklistAsync(headLater, Elm), "behaviour-policy"));
            Assert.Equal("due", await TrustStatusAsync(trustLater, "elm", "behaviour-policy"));
        }
        Factory.Clock.Advance(TimeSpan.FromDays(26));
        using (var headLater = await Factory.SignedInAsync(Elm, "head@elm.example", TwoSchoolsFixture.AdminPassword))
        using (var trustLater = await Factory.SignedInAsync(string.Empty, SchoolSiteFactory.TrustAdminEmail, SchoolSiteFactory.TrustAdminPassword))
        {
            Assert.Equal("overdue", StatusOf(await ChecklistAsync(headLater, Elm), "behaviour-policy"));
            Assert.Equal("overdue", await TrustStatusAsync(trustLater, "elm", "behaviour-policy"));
            Assert.Contains("Overdue: it was due for review on 2 November 2027", Text(await headLater.GetPageAsync($"{Elm}/admin/statutory")));
            Assert.Contains("Overdue", Text(await trustLater.GetPageAsync("/admin/statutory-overview")));
        }
    }

    [Fact]
    public async Task An_item_only_secondary_schools_publish_is_not_on_a_primary_schools_list()
    {
        using var head = await Factory.SignedInAsync(Elm, "head@elm.example", TwoSchoolsFixture.AdminPassword);
        var primary = Keys(await ChecklistAsync(head, Elm));
        Assert.DoesNotContain("careers-programme", primary);
        Assert.Contains("pe-and-sport-premium", primary);
        Assert.DoesNotContain("bursary-16-19", primary);

        var settings = await head.GetPageAsync($"{Elm}/admin/settings");
        Assert.Contains("All-through (primary and secondary)", settings);
        var saved = await head.SubmitAsync($"{Elm}/admin/settings", ("Input.Phase", "secondary"), ("Input.SixthForm", "true"));
        Assert.Contains("Settings saved", await saved.Content.ReadAsStringAsync());
        var secondary = Keys(await ChecklistAsync(head, Elm));
        Assert.Contains("careers-programme", secondary);
        Assert.Contains("bursary-16-19", secondary);
        Assert.DoesNotContain("pe-and-sport-premium", secondary);

        // A kind of school that is not on the list is refused, naming the choices.
        var refused = await head.SubmitAsync($"{Elm}/admin/settings", ("Input.Phase", "middle"));
        Assert.Contains("Choose one of: Primary, Secondary, Special", Text(await refused.Content.ReadAsStringAsync()));
    }

    [Fact]
    public async Task A_page_elsewhere_meets_only_an_item_that_allows_it_and_a_wrong_address_keeps_what_was_typed()
    {
        using var head = await Factory.SignedInAsync(Elm, "head@elm.example", TwoSchoolsFixture.AdminPassword);
        var saved = await head.SubmitAsync($"{Elm}/admin/statutory",
            [new("Requirement", "ofsted-report"), new("LinkUrl", "https://reports.ofsted.example/provider/123456"), new("LinkTitle", "Our Ofsted report")],
            $"{Elm}/admin/statutory?handler=Outside");
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        Assert.Equal("met", StatusOf(await ChecklistAsync(head, Elm), "ofsted-report"));

        var wrong = await head.SubmitAsync($"{Elm}/admin/statutory",
            [new("Requirement", "performance-tables"), new("LinkUrl", "compare-school-performance"), new("LinkTitle", "Performance tables")],
            $"{Elm}/admin/statutory?handler=Outside");
        var page = await wrong.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        Assert.Contains("Give the full address of the page, starting with https://", Text(page));
        Assert.Contains("value=\"compare-school-performance\"", page);

        var notAllowed = await head.SubmitAsync($"{Elm}/admin/statutory",
            [new("Requirement", "behaviour-policy"), new("LinkUrl", "https://example.org/behaviour"), new("LinkTitle", "Behaviour")],
            $"{Elm}/admin/statutory?handler=Outside");
        Assert.Contains("must be met by a page on the school's own website", Text(await notAllowed.Content.ReadAsStringAsync()));
        Assert.Equal("missing", StatusOf(await ChecklistAsync(head, Elm), "behaviour-policy"));

        // The public page lists the outside link, and says it is on another website.
        using var visitor = new Browser(Factory);
        var key = await KeyInformationAsync(head, visitor);
        Assert.Contains("href=\"https://reports.ofsted.example/provider/123456\"", key);
        Assert.Contains("Our Ofsted report (on another website)", key);
    }

    [Fact]
    public async Task The_key_information_page_never_links_a_page_the_public_may_not_see()
    {
        using var head = await Factory.SignedInAsync(Elm, "head@elm.example", TwoSchoolsFixture.AdminPassword);
        var api = new ContentApiClient(head, Elm);
        var staffOnly = (await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "PolicyPage",
            ["TitlePart"] = new { Title = "Safeguarding procedures for staff" },
            ["AutoroutePart"] = new { Path = "staff-safeguarding" },
            ["HtmlBodyPart"] = new { Html = "<p>For staff.</p>" },
            ["PolicyPage"] = new { Audience = new { Text = "Staff" } },
        }))["ContentItemId"]!.GetValue<string>();
        await api.PublishOrFailAsync(staffOnly);
        Assert.Equal(HttpStatusCode.Redirect, (await head.SubmitAsync($"{Elm}/admin/statutory",
            [new("Requirement", "safeguarding-policy"), new("PageId", staffOnly)], $"{Elm}/admin/statutory?handler=Link")).StatusCode);
        Assert.Equal("met", StatusOf(await ChecklistAsync(head, Elm), "safeguarding-policy"));

        using var visitor = new Browser(Factory);
        var key = await KeyInformationAsync(head, visitor);
        Assert.DoesNotContain("staff-safeguarding", key);
        Assert.DoesNotContain("Safeguarding", key);
    }

    [Fact]
    public async Task The_headteacher_and_the_pages_owner_are_reminded_once_when_an_item_falls_due_and_again_when_it_is_overdue()
    {
        using var head = await Factory.SignedInAsync(Elm, "head@elm.example", TwoSchoolsFixture.AdminPassword);
        var created = await head.SubmitAsync($"{Elm}/admin/users/create",
            ("Input.DisplayName", "Hana Headteacher"), ("Input.Email", "headteacher@elm.example"), ("Input.Password", ReviewSchoolFixture.Password), ("Input.Roles", "Headteacher"));
        Assert.Contains("can now sign in", await created.Content.ReadAsStringAsync());
        var api = new ContentApiClient(head, Elm);
        var send = (await api.CreateOrFailAsync(ContentApiClient.Page("Special educational needs", "<p>How we support every child.</p>", "send")))["ContentItemId"]!.GetValue<string>();
        await api.PublishOrFailAsync(send);
        await head.SubmitAsync($"{Elm}/admin/statutory", [new("Requirement", "sen-information-report"), new("PageId", send)], $"{Elm}/admin/statutory?handler=Link");

        var jobs = Factory.Services.GetRequiredService<SchoolJobs>();
        var elm = Factory.Services.GetRequiredService<TenantRegistry>().Find("elm")!;
        await jobs.RunAsync<StatutoryReminders>(elm);
        Assert.DoesNotContain(Mail.Messages, m => (m.Subject ?? "").Contains("Special educational needs information report"));

        Factory.Clock.Advance(TimeSpan.FromDays(350));
        await jobs.RunAsync<StatutoryReminders>(elm);
        await jobs.RunAsync<StatutoryReminders>(elm);
        var due = await Mail.WaitForAsync(m => (m.Subject ?? "").StartsWith("Due for review:", StringComparison.Ordinal) && m.To.ToString().Contains("headteacher@elm.example"));
        Assert.Contains("by 2 November 2027", due.TextBody);
        await Mail.WaitForAsync(m => (m.Subject ?? "").StartsWith("Due for review:", StringComparison.Ordinal) && m.To.ToString().Contains("head@elm.example"));
        Assert.Equal(2, Mail.Messages.Count(m => (m.Subject ?? "").StartsWith("Due for review:", StringComparison.Ordinal)));

        Factory.Clock.Advance(TimeSpan.FromDays(20));
        await jobs.RunAsync<StatutoryReminders>(elm);
        await Mail.WaitForAsync(m => (m.Subject ?? "").StartsWith("Overdue for review:", StringComparison.Ordinal) && m.To.ToString().Contains("headteacher@elm.example"));
        Assert.Equal(2, Mail.Messages.Count(m => (m.Subject ?? "").StartsWith("Due for review:", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task The_trust_overview_lists_every_school_with_a_number_each_and_exports_them_as_CSV()
    {
        using var trust = await Factory.SignedInAsync(string.Empty, SchoolSiteFactory.TrustAdminEmail, SchoolSiteFactory.TrustAdminPassword);
        var jobs = Factory.Services.GetRequiredService<SchoolJobs>();
        foreach (var name in new[] { "oak", "elm" })
        {
            await jobs.RunAsync<ComplianceSnapshots>(Factory.Services.GetRequiredService<TenantRegistry>().Find(name)!);
        }
        var page = Text(await trust.GetPageAsync("/admin/statutory-overview"));
        Assert.Contains("Oak Primary", page);
        Assert.Contains("Elm Primary", page);
        Assert.Matches(@"Oak Primary 1 of \d+", page);
        Assert.Matches(@"Elm Primary 0 of \d+", page);
        Assert.Contains("on 2 November 2026", page);

        var csv = await trust.GetAsync("/admin/statutory-overview?handler=Csv");
        Assert.Equal("text/csv", csv.Content.Headers.ContentType?.MediaType);
        var lines = (await csv.Content.ReadAsStringAsync()).TrimStart('\uFEFF').Split("\r\n", StringSplitOptions.RemoveEmptyEntries)
            .SelectMany(l => l.Split('\n', StringSplitOptions.RemoveEmptyEntries)).ToList();
        Assert.Equal(3, lines.Count);
        Assert.StartsWith("\"School\",\"Site name\",\"Published and up to date\",\"Applicable\",\"Contact details\"", lines[0]);
        Assert.Contains(lines, l => l.StartsWith("\"Oak Primary\",\"oak\",\"1\",", StringComparison.Ordinal) && l.Contains("\"met\""));
        Assert.Contains(lines, l => l.StartsWith("\"Elm Primary\",\"elm\",\"0\",", StringComparison.Ordinal));

        var json = await trust.Http.GetFromJsonAsync<JsonObject>("/api/trust/statutory");
        Assert.Equal(["elm", "oak"], json!["schools"]!.AsArray().Select(s => s!["name"]!.GetValue<string>()).Order());

        // The trust's own reporting reads the same with a trust API key; nobody reads it anonymously.
        using var anonymous = new Browser(Factory);
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync("/api/trust/statutory")).StatusCode);
        var created = await Cli.RunAsync(Factory, "apikeys", "create", "--name", "Trust reporting");
        Assert.Equal(0, created.ExitCode);
        using var reporting = new Browser(Factory);
        reporting.Http.DefaultRequestHeaders.Authorization = new("Bearer", created.Output.Trim().Split('\n').Last().Trim());
        var report = await reporting.Http.GetFromJsonAsync<JsonObject>("/api/trust/statutory");
        Assert.Equal(2, report!["schools"]!.AsArray().Count);
        // A school's own staff cannot read the trust's overview.
        using var head = await Factory.SignedInAsync(Elm, "head@elm.example", TwoSchoolsFixture.AdminPassword);
        Assert.NotEqual(HttpStatusCode.OK, (await head.GetAsync("/admin/statutory-overview")).StatusCode);
    }

    [Fact]
    public void Recipe_validation_names_a_bad_requirement_by_its_JSON_path()
    {
        var recipe = """
        {
          "name": "our-own", "displayName": "Our own items", "steps": [
            { "name": "StatutoryRequirements", "Requirements": [
              { "Key": "trust-values", "Title": "Our trust's values", "Description": "What the trust stands for." },
              { "Key": "trust-values", "Title": "Again", "Description": "The same key twice." },
              { "Key": "annual-review", "Title": "Annual review", "Description": "Our review.", "Review": { "By": "02-30" } },
              { "Key": "Bad Key", "Title": "Sports", "Description": "A key with spaces.", "Phases": ["middle"] }
            ] }
          ]
        }
        """;
        var errors = Factory.Services.GetRequiredService<RecipeValidator>().Validate(recipe, out var parsed);
        parsed?.Dispose();
        var paths = errors.Select(e => e.Path).ToList();
        Assert.Contains("$.steps[0].Requirements[3].Key", paths);
        Assert.Contains("$.steps[0].Requirements[3].Phases[0]", paths);
        var described = string.Join("\n", errors.Select(e => $"{e.Path}: {e.Message}"));
        Assert.True(errors.Count >= 2, described);
        // The day that does not exist and the repeated key are checked once the shape is right.
        var shapely = recipe.Replace("\"Bad Key\"", "\"good-key\"").Replace("[\"middle\"]", "[\"secondary\"]");
        var checks = Factory.Services.GetRequiredService<RecipeValidator>().Validate(shapely, out parsed);
        parsed?.Dispose();
        Assert.Contains(checks, e => e.Path == "$.steps[0].Requirements[1].Key" && e.Message.Contains("given twice"));
        Assert.Contains(checks, e => e.Path == "$.steps[0].Requirements[2].Review.By" && e.Message.Contains("not a day of the year"));
    }

    private async Task<string> KeyInformationAsync(Browser head, Browser visitor)
    {
        // Elm (the standard site) has no Key information page of its own: the head adds one, as a school would.
        var api = new ContentApiClient(head, Elm);
        var id = (await api.CreateOrFailAsync(new Dictionary<string, object>
        {
            ["ContentType"] = "KeyInformation", ["TitlePart"] = new { Title = "Key information" }, ["AutoroutePart"] = new { Path = "key-information" },
        }))["ContentItemId"]!.GetValue<string>();
        await api.PublishOrFailAsync(id);
        var page = await visitor.GetAsync($"{Elm}/key-information");
        Assert.True(page.Headers.CacheControl is { NoStore: true, Private: true }, $"Cache-Control: {page.Headers.CacheControl}");
        return await page.Content.ReadAsStringAsync();
    }

    private static async Task<JsonObject> ChecklistAsync(Browser user, string pathBase)
        => (await user.Http.GetFromJsonAsync<JsonObject>($"{pathBase}/api/statutory"))!;

    private static JsonObject Requirement(JsonObject checklist, string key)
        => checklist["requirements"]!.AsArray().Single(r => r!["key"]!.GetValue<string>() == key)!.AsObject();

    private static string StatusOf(JsonObject checklist, string key) => Requirement(checklist, key)["status"]!.GetValue<string>();

    private static List<string> Keys(JsonObject checklist) => checklist["requirements"]!.AsArray().Select(r => r!["key"]!.GetValue<string>()).ToList();

    private static async Task<string?> TrustStatusAsync(Browser trust, string school, string key)
    {
        var overview = await trust.Http.GetFromJsonAsync<JsonObject>("/api/trust/statutory");
        return overview!["schools"]!.AsArray().Single(s => s!["name"]!.GetValue<string>() == school)!["requirements"]?[key]?.GetValue<string>();
    }

    /// <summary>A page's text as a reader sees it (tags gone, entities decoded, spaces collapsed).</summary>
    private static string Text(string html) => Spaces().Replace(WebUtility.HtmlDecode(Tags().Replace(html, " ")), " ");

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Spaces();
}

public sealed class StatutoryOnSqlite() : StatutoryTests(TestDatabase.Sqlite);

public sealed class StatutoryOnPostgreSql() : StatutoryTests(TestDatabase.PostgreSql);
