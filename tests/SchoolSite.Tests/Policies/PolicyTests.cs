using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Workflows;

namespace SchoolSite.Tests.Policies;

/// <summary>Staff social-media policy pages: defaults from the recipe, staff-only pages, versions to acknowledge, and the report.</summary>
public abstract class PolicyTests<TFixture>(TFixture school) where TFixture : ReviewSchoolFixture
{
    private const string Base = ReviewSchoolFixture.PathBase;

    [Fact]
    public async Task A_school_from_the_standard_recipe_has_both_policy_pages_published_and_the_staff_one_needs_acknowledging()
    {
        using var head = await school.AsAsync(ReviewSchoolFixture.Head);
        var policies = (await head.Http.GetFromJsonAsync<JsonArray>($"{Base}/api/policies"))!;
        var open = policies.Single(p => p!["title"]!.GetValue<string>() == "Social media policy")!;
        var staff = policies.Single(p => p!["title"]!.GetValue<string>() == "Staff personal use of social media")!;
        Assert.Equal("Public", open["audience"]!.GetValue<string>());
        Assert.False(open["requiresAcknowledgement"]!.GetValue<bool>());
        Assert.Equal("Staff", staff["audience"]!.GetValue<string>());
        Assert.True(staff["requiresAcknowledgement"]!.GetValue<bool>());

        using var visitor = new Browser(school.Factory);
        var page = await visitor.GetPageAsync($"{Base}/policies/social-media");
        Assert.Contains("Two checks before anything about pupils is posted", page);
        Assert.Contains("Version 1.0", page);
        Assert.Contains("last reviewed", page);
        var index = await visitor.GetPageAsync($"{Base}/policies");
        Assert.Contains("Social media policy", index);
        Assert.DoesNotContain("Staff personal use", index);
    }

    [Fact]
    public async Task A_staff_only_policy_is_404_to_the_public_and_to_another_schools_users()
    {
        await school.Factory.CreateSchoolAsync("elsewhere", "Elsewhere Primary", "elsewhere", recipe: "school");
        using var visitor = new Browser(school.Factory);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{Base}/policies/staff-social-media")).StatusCode);
        Assert.DoesNotContain("staff-social-media", await visitor.GetPageAsync($"{Base}/sitemap.xml"));

        using var otherHead = await school.Factory.SignedInAsync("/elsewhere", "head@elsewhere.example", TwoSchoolsFixture.AdminPassword);
        Assert.Equal(HttpStatusCode.OK, (await otherHead.GetAsync("/elsewhere/policies/staff-social-media")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await otherHead.GetAsync($"{Base}/policies/staff-social-media")).StatusCode);

        using var contributor = await school.AsAsync("contributor@review.example");
        var page = await contributor.GetPageAsync($"{Base}/policies/staff-social-media");
        Assert.Contains("do not message them privately", page);
        // What staff see is never kept for the public.
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync($"{Base}/policies/staff-social-media")).StatusCode);
    }

    [Fact]
    public async Task The_policy_list_tells_a_member_of_staff_what_is_theirs_to_acknowledge_and_stops_once_they_have()
    {
        using var contributor = await school.AsAsync("contributor@review.example");
        var id = await StaffPolicyIdAsync(contributor);
        var version = (await PolicyAsync(contributor, id))["version"]!.GetValue<int>();
        Assert.False((await PolicyAsync(contributor, id))["acknowledged"]!.GetValue<bool>());
        Assert.Contains("Not yet: read and acknowledge", StaffPolicyRow(await contributor.GetPageAsync($"{Base}/admin/policies")));

        // Acknowledged on the page a member of staff uses, then back to the list.
        var done = await contributor.SubmitAsync($"{Base}/admin/policies/mine", [new("PolicyId", id), new("Version", version.ToString())]);
        Assert.Contains("Thank you: you have acknowledged", WebUtility.HtmlDecode(await done.Content.ReadAsStringAsync()));
        var row = StaffPolicyRow(await contributor.GetPageAsync($"{Base}/admin/policies"));
        Assert.Matches("<td>\\s*<span>Yes</span>\\s*</td>", row);
        Assert.DoesNotContain("required", row, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("Not yet", row);
    }

    [Fact]
    public async Task A_new_version_makes_staff_outstanding_again_and_acknowledging_the_old_one_is_refused()
    {
        using var head = await school.AsAsync(ReviewSchoolFixture.Head);
        using var headteacher = await school.AsAsync("headteacher@review.example");
        using var editor = await school.AsAsync("editor2@review.example");
        var id = await StaffPolicyIdAsync(editor);
        var version = (await PolicyAsync(editor, id))["version"]!.GetValue<int>();
        Assert.Equal(HttpStatusCode.OK, (await AcknowledgeAsync(editor, id, version)).StatusCode);
        Assert.True((await PolicyAsync(editor, id))["acknowledged"]!.GetValue<bool>());
        Assert.DoesNotContain("Please read and acknowledge", await editor.GetPageAsync($"{Base}/admin"));

        // The head revises it; the headteacher signs it off; it is published as the next version.
        var api = new ContentApiClient(head, Base);
        var latest = (await (await api.GetAsync(id, "latest")).Content.ReadFromJsonAsync<JsonObject>())!;
        var edited = await api.UpdateAsync(id, new Dictionary<string, object>
        {
            ["Revision"] = latest["Revision"]!.GetValue<int>(),
            ["PolicyPage"] = new Dictionary<string, object>
            {
                ["Audience"] = new { Text = "Staff" }, ["RequiresAcknowledgement"] = new { Value = true },
                ["VersionLabel"] = new { Text = $"{version + 1}.0" }, ["WhatChanged"] = new { Text = "Added former pupils' families." },
            },
        });
        Assert.Equal(HttpStatusCode.OK, edited.StatusCode);
        await WorkflowTests<TFixture>.OkAsync(head, id, "submit");
        // The headteacher's sign-off publishes the new version at once.
        var signedOff = await WorkflowTests<TFixture>.OkAsync(headteacher, id, "approve");
        Assert.Equal("Published", signedOff["state"]!.GetValue<string>());

        var now = await PolicyAsync(editor, id);
        Assert.Equal(version + 1, now["version"]!.GetValue<int>());
        Assert.False(now["acknowledged"]!.GetValue<bool>());
        Assert.Contains("Please read and acknowledge: Staff personal use of social media", WebUtility.HtmlDecode(await editor.GetPageAsync($"{Base}/admin")));
        var stale = await AcknowledgeAsync(editor, id, version);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Contains($"is now at version {version + 1}", await stale.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await AcknowledgeAsync(editor, id, version + 1)).StatusCode);
    }

    [Fact]
    public async Task The_report_counts_match_the_acknowledgements_leave_out_disabled_users_and_export_the_same_rows()
    {
        using var head = await school.AsAsync(ReviewSchoolFixture.Head);
        using var dpo = await school.AsAsync("dpo@review.example");
        var id = await StaffPolicyIdAsync(head);
        var version = (await PolicyAsync(head, id))["version"]!.GetValue<int>();
        await AcknowledgeAsync(dpo, id, version);
        var leaver = $"leaver{Guid.NewGuid():N}"[..16] + "@review.example";
        var created = await head.SubmitAsync($"{Base}/admin/users/create", ("Input.DisplayName", "Lee Leaver"), ("Input.Email", leaver),
            ("Input.Password", ReviewSchoolFixture.Password), ("Input.Roles", "Staff"));
        Assert.Contains("can now sign in", await created.Content.ReadAsStringAsync());

        var before = await ReportAsync(head, id);
        Assert.Contains(before.Rows, r => r.Email == leaver && !r.Acknowledged);
        Assert.Contains(before.Rows, r => r.Email == "dpo@review.example" && r.Acknowledged);
        Assert.Contains($"{before.Rows.Count(r => r.Acknowledged)} of {before.Rows.Count}</strong>", before.Page);

        var users = await head.GetPageAsync($"{Base}/admin/users");
        var leaverId = System.Text.RegularExpressions.Regex.Match(users, $"href=\"{Base}/admin/users/([^\"]+)\">Lee Leaver</a>").Groups[1].Value;
        await head.SubmitAsync($"{Base}/admin/users/{leaverId}", [], $"{Base}/admin/users/{leaverId}?handler=Disable");

        var after = await ReportAsync(head, id);
        Assert.DoesNotContain(after.Rows, r => r.Email == leaver);
        Assert.Equal(before.Rows.Count - 1, after.Rows.Count);
        var csv = (await head.Http.GetStringAsync($"{Base}/admin/policies/{id}/report?handler=Csv")).Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
        Assert.Equal(after.Rows.Count, csv.Count);
        foreach (var row in after.Rows)
        {
            Assert.Contains(csv, line => line.Contains($"\"{row.Email}\",{(row.Acknowledged ? "yes" : "no")}"));
        }
    }

    private static string StaffPolicyRow(string list)
    {
        // The table's row, not the banner above it that names the same policy.
        var row = System.Text.RegularExpressions.Regex.Match(list, "<tr data-status[^>]*>\\s*<td><a [^>]*>Staff personal use of social media</a>.*?</tr>",
            System.Text.RegularExpressions.RegexOptions.Singleline);
        Assert.True(row.Success, "The list has no row for the staff policy.");
        return row.Value;
    }

    private sealed record ReportRow(string Email, bool Acknowledged);

    private static async Task<(string Page, List<ReportRow> Rows)> ReportAsync(Browser head, string id)
    {
        var page = WebUtility.HtmlDecode(await head.GetPageAsync($"{Base}/admin/policies/{id}/report"));
        var rows = System.Text.RegularExpressions.Regex.Matches(page, "<tr><td>[^<]*</td><td>([^<]+)</td><td>([^<]+)</td></tr>")
            .Select(m => new ReportRow(m.Groups[1].Value, m.Groups[2].Value != "Not yet")).ToList();
        return (page, rows);
    }

    private static async Task<string> StaffPolicyIdAsync(Browser user)
        => (await user.Http.GetFromJsonAsync<JsonArray>($"{Base}/api/policies"))!
            .Single(p => p!["title"]!.GetValue<string>() == "Staff personal use of social media")!["id"]!.GetValue<string>();

    private static async Task<JsonObject> PolicyAsync(Browser user, string id)
        => (await user.Http.GetFromJsonAsync<JsonArray>($"{Base}/api/policies"))!.Single(p => p!["id"]!.GetValue<string>() == id)!.AsObject();

    private static Task<HttpResponseMessage> AcknowledgeAsync(Browser user, string id, int version)
        => user.Http.PostAsJsonAsync($"{Base}/api/policies/{id}/acknowledge", new { version });
}

public sealed class PolicyOnSqlite(SqliteReviewSchool school) : PolicyTests<SqliteReviewSchool>(school), IClassFixture<SqliteReviewSchool>;

public sealed class PolicyOnPostgreSql(PostgreSqlReviewSchool school) : PolicyTests<PostgreSqlReviewSchool>(school), IClassFixture<PostgreSqlReviewSchool>;
