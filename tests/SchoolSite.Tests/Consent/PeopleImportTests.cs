using Microsoft.Extensions.DependencyInjection;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Consent;

/// <summary>
/// The register kept in line with the school's MIS: a CSV export is imported (or previewed) whole or not at all,
/// the same file twice changes nothing, and a full import marks those who have gone as Left.
/// </summary>
public abstract class PeopleImportTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    // The school is shared by every test of the class: each test's MIS ids are its own.
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Rows_with_errors_are_reported_by_line_and_column_and_nothing_is_imported()
    {
        using var head = await Factory.AlphaHeadAsync();
        var good = $"""
            UPN,Legal Forename,Surname,Year,Reg Group
            {_run}-1,Amelia,Watson,Year 4,4B
            {_run}-3,Zara,Ahmed,Year 4,4W
            """;
        var file = $"""
            UPN,Legal Forename,Surname,Year,Reg Group
            {_run}-1,Amelia,Watson,Year 4,4B
            {_run}-2,Tom,,Year 4,4B
            {_run}-3,Zara,Ahmed,Year 4,4W
            {_run}-1,Noor,Begum,Year 3,3A
            {_run}-5,Ruby,Clarke,Year 9,9C,Mr Smith
            """;

        var response = await ImportAsync(head, file);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await ContentApiClient.ProblemAsync(response);
        Assert.Contains("Nothing was imported", problem.GetProperty("title").GetString());
        var errors = problem.GetProperty("errors").EnumerateArray().ToList();
        Assert.Equal(3, errors.Count);
        Assert.Equal(3, errors[0].GetProperty("line").GetInt32());
        Assert.Equal("Surname", errors[0].GetProperty("column").GetString());
        Assert.Equal("Line 3, column Surname: the legal last name is required.", errors[0].GetProperty("message").GetString());
        Assert.Equal($"Line 5, column UPN: the MIS id '{_run}-1' is also on line 2: each person must be in the file once.", errors[1].GetProperty("message").GetString());
        Assert.StartsWith("Line 6: the row has 6 values but the header names 5 columns", errors[2].GetProperty("message").GetString());

        // The valid rows were not stored either: they would all be added now.
        var preview = await ImportOrFailAsync(head, good, "?preview=true");
        Assert.Equal(2, preview.GetProperty("added").GetInt32());
    }

    [Fact]
    public async Task A_file_without_the_name_or_id_columns_says_what_is_missing_and_which_headers_it_has()
    {
        using var head = await Factory.AlphaHeadAsync();

        var response = await ImportAsync(head, $"Pupil,Surname,Class\nAmelia,Watson,4B\n");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var error = Assert.Single((await ContentApiClient.ProblemAsync(response)).GetProperty("errors").EnumerateArray());
        var message = error.GetProperty("message").GetString();
        Assert.StartsWith("Line 1: the file has no column for the MIS id or the legal first name.", message);
        Assert.Contains("The file's headers are: \"Pupil\", \"Surname\", \"Class\".", message);
        Assert.Contains("\"UPN\"", message);
    }

    [Fact]
    public async Task Importing_the_same_file_twice_changes_nothing_the_second_time()
    {
        using var head = await Factory.AlphaHeadAsync();
        var file = $"""
            Admission No,Forename,Surname,Preferred Name,NC Year,Form
            {_run}-1,Amelia,Watson,Millie,4,4B
            {_run}-2,Thomas,Wright,Tom,4,4B
            {_run}-3,Zara,Ahmed,,5,5W
            """;

        var first = await ImportOrFailAsync(head, file);
        var second = await ImportOrFailAsync(head, file);

        Assert.Equal((3, 0, 0), Counts(first));
        Assert.Equal((0, 0, 3), Counts(second));
        Assert.All(second.GetProperty("rows").EnumerateArray(), row => Assert.Equal("unchanged", row.GetProperty("outcome").GetString()));

        var moved = await ImportOrFailAsync(head, file.Replace($"{_run}-3,Zara,Ahmed,,5,5W", $"{_run}-3,Zara,Ahmed,,5,5E"));
        Assert.Equal((0, 1, 2), Counts(moved));
        var zara = moved.GetProperty("rows")[2];
        Assert.Equal("changed", zara.GetProperty("outcome").GetString());
        Assert.Equal(["className"], zara.GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        var person = await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/people/{zara.GetProperty("id").GetString()}");
        Assert.Equal("5E", person.GetProperty("className").GetString());
    }

    [Fact]
    public async Task A_preview_shows_what_would_happen_and_saves_nothing()
    {
        using var head = await Factory.AlphaHeadAsync();
        var file = $"""
            MIS ID,Legal Forename,Legal Surname,Year Group,Class
            {_run}-1,Noor,Begum,Year 3,3A
            {_run}-2,Ruby,Clarke,Year 3,3A
            """;

        var preview = await ImportOrFailAsync(head, file, "?preview=true");

        Assert.True(preview.GetProperty("preview").GetBoolean());
        Assert.Equal((2, 0, 0), Counts(preview));
        var noor = preview.GetProperty("rows")[0];
        Assert.Equal(2, noor.GetProperty("line").GetInt32());
        Assert.Equal("Noor", noor.GetProperty("legalFirstName").GetString());
        Assert.Equal("Year 3", noor.GetProperty("yearGroup").GetString());
        Assert.Equal("added", noor.GetProperty("outcome").GetString());
        Assert.Equal(JsonValueKind.Null, noor.GetProperty("id").ValueKind);

        Assert.Equal((2, 0, 0), Counts(await ImportOrFailAsync(head, file, "?preview=true")));
        var imported = await ImportOrFailAsync(head, file);
        Assert.False(imported.GetProperty("preview").GetBoolean());
        Assert.Equal((2, 0, 0), Counts(imported));
    }

    [Fact]
    public async Task A_full_import_marks_a_pupil_missing_from_the_file_Left_and_leaves_staff_alone()
    {
        using var head = await Factory.AlphaHeadAsync();
        var everyone = await ImportOrFailAsync(head, $"""
            UPN,Forename,Surname,Year,Class,Role
            {_run}-1,Amelia,Watson,Year 4,4B,Pupil
            {_run}-2,Tom,Wright,Year 4,4B,Pupil
            {_run}-9,Sarah,Jones,,,Staff
            """);
        var ids = everyone.GetProperty("rows").EnumerateArray().Select(r => r.GetProperty("id").GetString()!).ToList();
        var (amelia, tom, sarah) = (ids[0], ids[1], ids[2]);

        var full = await ImportOrFailAsync(head, $"""
            UPN,Forename,Surname,Year,Class
            {_run}-1,Amelia,Watson,Year 5,5B
            """, "?full=true");

        Assert.Equal((0, 1, 0), Counts(full));
        Assert.True(full.GetProperty("markedLeft").GetInt32() >= 1);
        Assert.Equal("Left", await StatusAsync(head, tom));
        Assert.Equal("OnRoll", await StatusAsync(head, sarah));
        Assert.Equal("OnRoll", await StatusAsync(head, amelia));

        // Back on the roll: someone in the file who had left is on roll again.
        var back = await ImportOrFailAsync(head, $"""
            UPN,Forename,Surname
            {_run}-2,Tom,Wright
            """);
        Assert.Equal((0, 1, 0), Counts(back));
        Assert.Equal(["status"], back.GetProperty("rows")[0].GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal("OnRoll", await StatusAsync(head, tom));
        var person = await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/people/{tom}");
        Assert.Equal("Year 4", person.GetProperty("yearGroup").GetString()); // the file had no year column: the year stays as it was
    }

    [Fact]
    public async Task A_register_of_5000_pupils_imports_in_one_go_and_again_without_change()
    {
        using var head = await Factory.AlphaHeadAsync();
        var file = new StringBuilder("UPN,Legal Forename,Legal Surname,Preferred Forename,Year,Reg Group\n");
        for (var i = 0; i < 5000; i++)
        {
            file.Append($"{_run}-{i:D4},Pupil{i},Surname{i % 97},,Year {i % 7 + 1},{i % 7 + 1}{(char)('A' + i % 3)}\n");
        }

        var first = await ImportOrFailAsync(head, file.ToString());
        var second = await ImportOrFailAsync(head, file.ToString());

        Assert.Equal((5000, 0, 0), Counts(first));
        Assert.Equal(20, first.GetProperty("rows").GetArrayLength());
        Assert.Equal((0, 0, 5000), Counts(second));
    }

    [Fact]
    public async Task A_legal_name_changed_by_an_import_is_looked_for_by_the_privacy_check_at_once()
    {
        using var head = await Factory.AlphaHeadAsync();
        var before = $"UPN,Legal Forename,Legal Surname\n{_run}-1,Keira,Lindqvist\n";
        await ImportOrFailAsync(head, before);
        var api = new ContentApiClient(head, "/alpha");
        var page = (await api.CreateOrFailAsync(ContentApiClient.Page("Prize day", "<p>Keira Okonkwo won the poetry prize.</p>")))["ContentItemId"]!.GetValue<string>();
        Assert.DoesNotContain("Keira Okonkwo", await PrivacyMatchesAsync(head, page));

        var renamed = await ImportOrFailAsync(head, before.Replace("Lindqvist", "Okonkwo"));

        Assert.Equal(["legalLastName"], renamed.GetProperty("rows")[0].GetProperty("changes").EnumerateArray().Select(c => c.GetString()));
        Assert.Contains("Keira Okonkwo", await PrivacyMatchesAsync(head, page));
    }

    [Fact]
    public async Task Usual_MIS_headers_are_recognised_and_a_spreadsheet_saved_in_the_Windows_code_page_keeps_its_accents()
    {
        using var head = await Factory.AlphaHeadAsync();
        var file = $"""
            Adno,Legal Surname,Legal Forename,Forename,Preferred Forename,NC Year,Reg Group
            {_run}-1,Dubois,Zoë,Zoe,Zo,6,6R
            """;
        var bytes = Encoding.Latin1.GetBytes(file); // what Excel's "CSV (Comma delimited)" writes for these letters

        var response = await head.Http.PostAsync("/alpha/api/people/import?preview=true", new ByteArrayContent(bytes) { Headers = { { "Content-Type", "text/csv" } } });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var row = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows")[0];
        Assert.Equal(_run + "-1", row.GetProperty("externalId").GetString());
        Assert.Equal("Zoë", row.GetProperty("legalFirstName").GetString());
        Assert.Equal("Dubois", row.GetProperty("legalLastName").GetString());
        Assert.Equal("Zo", row.GetProperty("preferredFirstName").GetString());
        Assert.Equal("6", row.GetProperty("yearGroup").GetString());
        Assert.Equal("6R", row.GetProperty("className").GetString());
        Assert.Equal("Pupil", row.GetProperty("kind").GetString());
    }

    [Fact]
    public async Task A_school_can_map_the_columns_its_export_names_its_own_way()
    {
        using var head = await Factory.AlphaHeadAsync();
        var file = $"""
            Pupil Ref,Given,Family
            {_run}-1,Isla,Brown
            """;

        var unmapped = await ImportAsync(head, file, "?preview=true");
        Assert.Equal(HttpStatusCode.BadRequest, unmapped.StatusCode);

        var mapped = await ImportOrFailAsync(head, file, "?preview=true&map=Pupil Ref:ExternalId&map=Given:LegalFirstName&map=family:legallastname");
        var row = mapped.GetProperty("rows")[0];
        Assert.Equal((_run + "-1", "Isla", "Brown"),
            (row.GetProperty("externalId").GetString(), row.GetProperty("legalFirstName").GetString(), row.GetProperty("legalLastName").GetString()));

        var wrong = await ImportAsync(head, file, "?map=Pupil Ref:Birthday&map=Given:LegalFirstName&map=Family:LegalLastName");
        var error = Assert.Single((await ContentApiClient.ProblemAsync(wrong)).GetProperty("errors").EnumerateArray());
        Assert.StartsWith("Line 1, column Pupil Ref: 'Birthday' is not a field that can be imported", error.GetProperty("message").GetString());
    }

    [Fact]
    public async Task Importing_needs_permission_to_manage_people()
    {
        using var staff = await Factory.NewAlphaStaffAsync("Staff");
        var file = $"UPN,Forename,Surname\n{_run}-1,Amelia,Watson\n";

        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(staff, file)).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await ImportAsync(staff, file, "?preview=true")).StatusCode);

        using var head = await Factory.AlphaHeadAsync();
        Assert.Equal((1, 0, 0), Counts(await ImportOrFailAsync(head, file, "?preview=true")));
    }

    [Fact]
    public async Task A_file_over_10_MB_is_refused_with_a_message_saying_so()
    {
        using var head = await Factory.AlphaHeadAsync();
        var content = new ByteArrayContent(new byte[10 * 1024 * 1024 + 1]) { Headers = { { "Content-Type", "text/csv" } } };

        var response = await head.Http.PostAsync("/alpha/api/people/import", content);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("larger than 10 MB", (await ContentApiClient.ProblemAsync(response)).GetProperty("title").GetString());
    }

    private static Task<HttpResponseMessage> ImportAsync(Browser who, string csv, string query = "")
        => who.Http.PostAsync($"/alpha/api/people/import{query}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<JsonElement> ImportOrFailAsync(Browser who, string csv, string query = "")
    {
        var response = await ImportAsync(who, csv, query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The import answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        return JsonDocument.Parse(body).RootElement;
    }

    private static (int Added, int Changed, int Unchanged) Counts(JsonElement result)
        => (result.GetProperty("added").GetInt32(), result.GetProperty("changed").GetInt32(), result.GetProperty("unchanged").GetInt32());

    private static async Task<List<string?>> PrivacyMatchesAsync(Browser head, string contentItemId)
        => (await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/content/{contentItemId}/checks")).EnumerateArray()
            .Select(c => c.GetProperty("match").GetString()).ToList();

    private static async Task<string?> StatusAsync(Browser head, string person)
        => (await head.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/people/{person}")).GetProperty("status").GetString();

    [Fact]
    public async Task The_admin_import_previews_then_imports_showing_progress_and_row_errors()
    {
        using var head = await Factory.AlphaHeadAsync();
        var jobs = Factory.Services.GetRequiredService<SchoolSite.Consent.Services.ImportJobs>();
        async Task<string> RunAsync(string csv, bool preview)
        {
            var started = await head.UploadAsync("/alpha/admin/people/import", "Upload", "export.csv", Encoding.UTF8.GetBytes(csv), "text/csv",
                ("Preview", preview ? "true" : "false"));
            Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
            var location = started.Headers.Location!.ToString();
            await jobs.Find("alpha", location.Split("job=")[1])!.Completion;
            return WebUtility.HtmlDecode(await head.GetPageAsync(location));
        }

        var file = $"UPN,Forename,Surname,Year,Reg Group\n{_run}-a1,Ruby,Clarke,Year 2,2C\n{_run}-a2,Ezra,Cohen,Year 2,2C\n";
        Assert.Contains("Preview — nothing saved: 2 added", await RunAsync(file, preview: true));
        Assert.Contains("Imported: 2 added", await RunAsync(file, preview: false));
        Assert.Contains("Imported: 0 added, 0 changed, 2 unchanged", await RunAsync(file, preview: false));

        var broken = await RunAsync($"UPN,Forename,Surname\n{_run}-a3,Noor,\n", preview: false);
        Assert.Contains("Nothing was imported", broken);
        Assert.Contains("Line 2, column Surname", broken);
    }
}

public sealed class PeopleImportOnSqlite(SqliteSchools fixture) : PeopleImportTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class PeopleImportOnPostgreSql(PostgreSqlSchools fixture) : PeopleImportTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
