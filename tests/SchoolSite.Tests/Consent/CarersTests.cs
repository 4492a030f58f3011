using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Consent;

/// <summary>
/// Each pupil's contacts in the register, from the MIS export or by hand: who has parental responsibility, and who must
/// never be contacted (with a reason only the DPO and administrators see). "Do not contact" only ever narrows from outside.
/// </summary>
public abstract class CarersTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private SchoolSiteFactory Factory => fixture.Factory;

    // The school is shared by every test of the class: each test's MIS ids are its own.
    private readonly string _run = Guid.NewGuid().ToString("N")[..8];

    private const string Header =
        "UPN,Forename,Surname,Contact 1 Name,Contact 1 Relationship,Contact 1 Email,Contact 1 Parental Responsibility," +
        "Contact 2 Name,Contact 2 Relationship,Contact 2 Email,Contact 2 Parental Responsibility,Contact 2 Do Not Contact,Contact 2 Do Not Contact Reason";

    [Fact]
    public async Task Contacts_import_from_the_MIS_columns_and_a_bad_row_is_named_by_line_and_column_with_nothing_saved()
    {
        using var head = await Factory.AlphaHeadAsync();
        var broken = $"""
            {Header}
            {_run}-1,Amelia,Watson,Sarah Watson,Mother,sarah@family.example,Yes,Mark Watson,Father,mark@family.example,Yes,Yes,Court order
            {_run}-2,Tom,Hughes,Jo Hughes,Mother,not-an-address,Yes,,,,,,
            {_run}-3,Zara,Ahmed,Ali Ahmed,Father,ali@family.example,maybe,,,,,,
            {_run}-4,Noor,Begum,Rina Begum,Mother,rina@family.example,Yes,,Aunt,aunt@family.example,No,,
            """;

        var refused = await ImportAsync(head, broken);

        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var errors = (await ContentApiClient.ProblemAsync(refused)).GetProperty("errors").EnumerateArray()
            .Select(e => (Line: e.GetProperty("line").GetInt32(), Column: e.GetProperty("column").GetString(), Message: e.GetProperty("message").GetString()!))
            .ToList();
        Assert.Equal(3, errors.Count);
        Assert.Equal((3, "Contact 1 Email"), (errors[0].Line, errors[0].Column));
        Assert.Contains("'not-an-address' is not an e-mail address", errors[0].Message);
        Assert.Equal((4, "Contact 1 Parental Responsibility"), (errors[1].Line, errors[1].Column));
        Assert.Contains("'maybe' is not yes or no", errors[1].Message);
        Assert.Equal((5, "Contact 2 Name"), (errors[2].Line, errors[2].Column));
        Assert.Contains("contact 2 has details but no name", errors[2].Message);
        // Nothing was stored: all four would still be added.
        Assert.Equal(4, (await ImportOrFailAsync(head, broken.Replace("not-an-address", "jo@family.example").Replace("maybe", "No")
            .Replace(",,Aunt,", ",Aunt Rina,Aunt,"), "?preview=true")).GetProperty("added").GetInt32());

        var imported = await ImportOrFailAsync(head, $"""
            {Header}
            {_run}-1,Amelia,Watson,Sarah Watson,Mother,sarah@family.example,Yes,Mark Watson,Father,mark@family.example,Yes,Yes,Court order
            """);
        var amelia = imported.GetProperty("rows")[0].GetProperty("id").GetString()!;

        var contacts = await ContactsAsync(head, amelia);
        Assert.Equal(2, contacts.Count);
        Assert.Equal(("Sarah Watson", "Mother", "sarah@family.example", true, false, true),
            (contacts[0].GetProperty("name").GetString(), contacts[0].GetProperty("relationship").GetString(), contacts[0].GetProperty("email").GetString(),
                contacts[0].GetProperty("parentalResponsibility").GetBoolean(), contacts[0].GetProperty("doNotContact").GetBoolean(),
                contacts[0].GetProperty("mayBeAsked").GetBoolean()));
        Assert.True(contacts[1].GetProperty("doNotContact").GetBoolean());
        Assert.False(contacts[1].GetProperty("mayBeAsked").GetBoolean());
        Assert.Equal("Court order", contacts[1].GetProperty("doNotContactReason").GetString());

        // A senior leader sees the register, and that Mark must not be contacted, but not why.
        using var leader = await Factory.NewAlphaStaffAsync("SeniorLeader");
        var seen = await ContactsAsync(leader, amelia);
        Assert.True(seen[1].GetProperty("doNotContact").GetBoolean());
        Assert.False(seen[1].TryGetProperty("doNotContactReason", out _));

        // Next term's export has no "do not contact" columns, and Mark's e-mail has changed: the flag and reason stay.
        var again = await ImportOrFailAsync(head, $"""
            UPN,Forename,Surname,Contact 1 Name,Contact 1 Email,Contact 1 Parental Responsibility,Contact 2 Name,Contact 2 Email,Contact 2 Parental Responsibility
            {_run}-1,Amelia,Watson,Sarah Watson,sarah@family.example,Yes,Mark Watson,mark.w@family.example,Yes
            """);
        Assert.Equal(1, again.GetProperty("changed").GetInt32());
        var after = await ContactsAsync(head, amelia);
        Assert.Equal("mark.w@family.example", after[1].GetProperty("email").GetString());
        Assert.True(after[1].GetProperty("doNotContact").GetBoolean());
        Assert.Equal("Court order", after[1].GetProperty("doNotContactReason").GetString());

        // And one that leaves Mark out keeps him listed, flagged, so no later file can make him someone the school asks.
        await ImportOrFailAsync(head, $"""
            UPN,Forename,Surname,Contact 1 Name,Contact 1 Email,Contact 1 Parental Responsibility
            {_run}-1,Amelia,Watson,Sarah Watson,sarah@family.example,Yes
            """);
        Assert.Contains(await ContactsAsync(head, amelia), c => c.GetProperty("name").GetString() == "Mark Watson" && c.GetProperty("doNotContact").GetBoolean());

        // Every change is in the audit trail, without the contacts' details.
        var audit = await head.GetPageAsync("/alpha/admin/audit");
        Assert.Contains("contacts-changed", audit);
        Assert.DoesNotContain("Court order", audit);
        Assert.DoesNotContain("mark.w@family.example", audit);
    }

    [Fact]
    public async Task Contacts_are_changed_on_the_API_with_errors_by_position_and_a_flag_cannot_be_lifted_there()
    {
        using var head = await Factory.AlphaHeadAsync();
        var imported = await ImportOrFailAsync(head, $"""
            {Header}
            {_run}-5,Ezra,Cohen,Dana Cohen,Mother,dana@family.example,Yes,Ben Cohen,Father,ben@family.example,Yes,Yes,Safeguarding
            """);
        var ezra = imported.GetProperty("rows")[0].GetProperty("id").GetString()!;

        var refused = await head.Http.PutAsJsonAsync($"/alpha/api/people/{ezra}/contacts", new { contacts = new object[]
        {
            new { name = "Dana Cohen", email = "dana@family" + "@x", parentalResponsibility = true },
            new { name = "", relationship = "Grandmother" },
        } });
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        var problem = await ContentApiClient.ProblemAsync(refused);
        Assert.True(problem.GetProperty("errors").TryGetProperty("contacts[0].email", out _));
        Assert.True(problem.GetProperty("errors").TryGetProperty("contacts[1].name", out _));
        Assert.Equal("dana@family.example", (await ContactsAsync(head, ezra))[0].GetProperty("email").GetString());

        var saved = await head.Http.PutAsJsonAsync($"/alpha/api/people/{ezra}/contacts", new { contacts = new object[]
        {
            new { name = "Dana Cohen", relationship = "Mother", email = "dana.cohen@family.example", parentalResponsibility = true },
            new { name = "Ben Cohen", relationship = "Father", email = "ben@family.example", parentalResponsibility = true, doNotContact = false },
            new { name = "Ruth Cohen", relationship = "Grandmother", parentalResponsibility = false },
        } });
        Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
        var contacts = await ContactsAsync(head, ezra);
        Assert.Equal(["Dana Cohen", "Ben Cohen", "Ruth Cohen"], contacts.Select(c => c.GetProperty("name").GetString()));
        Assert.Equal("dana.cohen@family.example", contacts[0].GetProperty("email").GetString());
        Assert.True(contacts[1].GetProperty("doNotContact").GetBoolean());
        Assert.Equal("Safeguarding", contacts[1].GetProperty("doNotContactReason").GetString());
        Assert.False(contacts[2].GetProperty("mayBeAsked").GetBoolean());

        using var staff = await Factory.NewAlphaStaffAsync("Staff");
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Http.GetAsync($"/alpha/api/people/{ezra}/contacts")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await staff.Http.PutAsJsonAsync($"/alpha/api/people/{ezra}/contacts", new { contacts = Array.Empty<object>() })).StatusCode);
    }

    private static async Task<List<JsonElement>> ContactsAsync(Browser who, string person)
        => (await who.Http.GetFromJsonAsync<JsonElement>($"/alpha/api/people/{person}/contacts")).EnumerateArray().ToList();

    private static Task<HttpResponseMessage> ImportAsync(Browser who, string csv, string query = "")
        => who.Http.PostAsync($"/alpha/api/people/import{query}", new StringContent(csv, Encoding.UTF8, "text/csv"));

    private static async Task<JsonElement> ImportOrFailAsync(Browser who, string csv, string query = "")
    {
        var response = await ImportAsync(who, csv, query);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"The import answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 2000)]}");
        return JsonDocument.Parse(body).RootElement;
    }
}

public sealed class CarersOnSqlite(SqliteSchools fixture) : CarersTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class CarersOnPostgreSql(PostgreSqlSchools fixture) : CarersTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
