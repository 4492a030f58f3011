using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Consent;

/// <summary>
/// The yearly consent round, on the school's clock: every family asked once through the contacts who may be asked (and
/// nobody else), answers counted as they come, a reminder after the school's number of school days to those who have not
/// answered, the more restrictive of two carers' answers in force, and the round's links dead once it closes.
/// </summary>
public abstract partial class ConsentRoundTests(string provider) : ClockedReviewSchool(provider)
{
    private const string Dpo = "dpo@review.example";

    private SchoolJobs Jobs => Factory.Services.GetRequiredService<SchoolJobs>();
    private TenantInfo School => Factory.Services.GetRequiredService<TenantRegistry>().Find(ReviewSchoolFixture.School)!;

    private const string Register = """
        UPN,Forename,Surname,Year,Reg Group,Contact 1 Name,Contact 1 Email,Contact 1 Parental Responsibility,Contact 2 Name,Contact 2 Email,Contact 2 Parental Responsibility,Contact 2 Do Not Contact,Contact 2 Do Not Contact Reason
        R1,Amelia,Watson,Year 4,4B,Sarah Watson,sarah@family.example,Yes,Mark Watson,mark@family.example,Yes,,
        R2,Tom,Hughes,Year 4,4B,Jo Hughes,jo@family.example,Yes,Dave Hughes,dave@family.example,Yes,Yes,Court order
        R3,Zara,Ahmed,Year 5,5W,Nadia Ahmed,nadia@family.example,No,Ali Ahmed,ali@family.example,Yes,,
        R4,Noor,Begum,Year 5,5W,Rina Begum,,Yes,,,,,
        """;

    [Fact]
    public async Task A_round_asks_only_the_contacts_who_may_be_asked_counts_answers_reminds_the_rest_and_keeps_the_stricter_answer()
    {
        using var dpo = await Factory.SignedInAsync(Base, Dpo, ReviewSchoolFixture.Password);
        var imported = await dpo.Http.PostAsync($"{Base}/api/people/import", new StringContent(Register, Encoding.UTF8, "text/csv"));
        Assert.Equal(HttpStatusCode.OK, imported.StatusCode);

        var started = await dpo.Http.PostAsJsonAsync($"{Base}/api/consent/rounds",
            new { schoolYear = 2026, closes = "2026-11-27", message = "Every year we ask how we may use photographs of your child." });
        Assert.Equal(HttpStatusCode.Created, started.StatusCode);
        var round = await started.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal(4, round.GetProperty("pupils").GetInt32());
        Assert.Equal(0, round.GetProperty("replied").GetInt32());

        await Jobs.RunAsync<ConsentRoundMail>(School);
        static bool Asked(MimeKit.MimeMessage m) => (m.Subject ?? "").StartsWith("Photographs of", StringComparison.Ordinal);
        foreach (var carer in new[] { "sarah@", "mark@", "jo@", "ali@" })
        {
            await Mail.WaitForAsync(m => Asked(m) && m.To.ToString().Contains(carer));
        }
        // Nobody else: not the contact the school must not contact, not the one without parental responsibility, and
        // Noor's mother has no e-mail address (hers is a letter).
        Assert.Equal(4, Mail.Messages.Count(Asked));
        Assert.DoesNotContain(Mail.Messages, m => m.To.ToString().Contains("dave@") || m.To.ToString().Contains("nadia@"));
        // Noor's mother is asked by letter: one page, with her link written out and as a QR code that reads back as it.
        var letters = await dpo.SubmitAsync($"{Base}/admin/consent/round/letters");
        var printed = await letters.Content.ReadAsStringAsync();
        Assert.Single(Regex.Matches(printed, "<section class=\"letter\""));
        Assert.Contains("Dear Rina Begum", printed);
        var written = Regex.Match(printed, "<p class=\"address\">([^<]+)</p>").Groups[1].Value;
        Assert.Contains("/consent/scl_", written);
        Assert.Equal(written, QrCodes.Decode(Regex.Match(printed, "<svg[^>]*>.*?</svg>", RegexOptions.Singleline).Value));
        using (var rina = new Browser(Factory))
        {
            Assert.Contains("Photographs of Noor", await rina.GetPageAsync(new Uri(written).PathAndQuery));
        }

        var sarahs = Mail.Messages.Single(m => Asked(m) && m.To.ToString().Contains("sarah@"));
        Assert.Contains("Every year we ask how we may use photographs", sarahs.TextBody);
        Assert.Contains("Saying no has no effect on anything else at school", sarahs.TextBody);

        // Amelia's mother says yes to the website, her father no: the no stands, and the DPO is shown they disagree.
        using var sarah = new Browser(Factory);
        var sarahsLink = LinkIn(sarahs);
        Assert.Contains("Photographs of Amelia", await sarah.GetPageAsync(sarahsLink));
        Assert.Contains("your choices are saved", await (await sarah.SubmitAsync(sarahsLink, ("Choice[website]", "yes"))).Content.ReadAsStringAsync());
        var amelia = await PersonAsync(dpo, "R1");
        Assert.True(await ClearedAsync(dpo, amelia, "website"));
        using var mark = new Browser(Factory);
        var marksLink = LinkIn(Mail.Messages.Single(m => Asked(m) && m.To.ToString().Contains("mark@")));
        // Mark sees his own (empty) answers, not Sarah's.
        Assert.DoesNotContain("checked", Regex.Match(await mark.GetPageAsync(marksLink), "id=\"yes-website\"[^>]*>").Value);
        await mark.SubmitAsync(marksLink, ("Choice[website]", "no"));
        Assert.False(await ClearedAsync(dpo, amelia, "website"));
        // Sarah answering again does not overrule him.
        await sarah.SubmitAsync(sarahsLink, ("Choice[website]", "yes"));
        Assert.False(await ClearedAsync(dpo, amelia, "website"));
        Assert.Contains("Amelia", WebUtility.HtmlDecode(await dpo.GetPageAsync($"{Base}/admin/consent")).Split("carers disagree")[1]);

        var progress = await dpo.Http.GetFromJsonAsync<JsonElement>($"{Base}/api/consent/rounds/current");
        Assert.Equal((4, 1, 3), (progress.GetProperty("pupils").GetInt32(), progress.GetProperty("replied").GetInt32(), progress.GetProperty("notReplied").GetInt32()));
        var year4 = progress.GetProperty("byClass").EnumerateArray().Single(c => c.GetProperty("className").GetString() == "4B");
        Assert.Equal((2, 1), (year4.GetProperty("pupils").GetInt32(), year4.GetProperty("replied").GetInt32()));
        var chase = await dpo.Http.GetStringAsync($"{Base}/api/consent/rounds/current/chase.csv");
        Assert.Contains("Tom Hughes", chase);
        Assert.DoesNotContain("Amelia Watson", chase);

        // Four school days on (Friday) nobody is reminded; on the fifth (Monday) those whose pupil has no answer are, once.
        static bool Reminded(MimeKit.MimeMessage m) => (m.Subject ?? "").StartsWith("Reminder: photographs", StringComparison.Ordinal);
        Factory.Clock.Advance(TimeSpan.FromDays(4));
        await Jobs.RunAsync<ConsentRoundMail>(School);
        Assert.DoesNotContain(Mail.Messages, Reminded);
        Factory.Clock.Advance(TimeSpan.FromDays(3));
        await Jobs.RunAsync<ConsentRoundMail>(School);
        await Mail.WaitForAsync(m => Reminded(m) && m.To.ToString().Contains("jo@"));
        await Mail.WaitForAsync(m => Reminded(m) && m.To.ToString().Contains("ali@"));
        await Jobs.RunAsync<ConsentRoundMail>(School);
        Assert.Equal(2, Mail.Messages.Count(Reminded));
        Assert.DoesNotContain(Mail.Messages, m => Reminded(m) && (m.To.ToString().Contains("sarah@") || m.To.ToString().Contains("mark@")));

        // Closed (signed in again: a week has passed): the round's links no longer open.
        using var dpoAgain = await Factory.SignedInAsync(Base, Dpo, ReviewSchoolFixture.Password);
        var closed = await dpoAgain.Http.PostAsync($"{Base}/api/consent/rounds/{round.GetProperty("id").GetString()}/close", null);
        Assert.True(closed.StatusCode == HttpStatusCode.OK, $"close answered {(int)closed.StatusCode}: {await closed.Content.ReadAsStringAsync()}");
        Assert.Equal(HttpStatusCode.Gone, (await sarah.GetAsync(sarahsLink)).StatusCode);
    }

    [Fact]
    public async Task A_round_is_started_only_by_the_DPO_or_an_administrator_and_bad_dates_are_named()
    {
        using var headteacher = await Factory.SignedInAsync(Base, "headteacher@review.example", ReviewSchoolFixture.Password);
        var refused = await headteacher.Http.PostAsJsonAsync($"{Base}/api/consent/rounds", new { schoolYear = 2026, closes = "2026-11-27", message = "Hello" });
        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        using var dpo = await Factory.SignedInAsync(Base, Dpo, ReviewSchoolFixture.Password);
        var bad = await dpo.Http.PostAsJsonAsync($"{Base}/api/consent/rounds", new { schoolYear = 2024, closes = "2026-10-01", message = "" });
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        var errors = (await ContentApiClient.ProblemAsync(bad)).GetProperty("errors");
        Assert.True(errors.TryGetProperty("schoolYear", out _));
        Assert.True(errors.TryGetProperty("closes", out _));
        Assert.True(errors.TryGetProperty("message", out _));
    }

    [Fact]
    public async Task Staff_answer_for_themselves_from_their_own_account_per_purpose()
    {
        using var dpo = await Factory.SignedInAsync(Base, Dpo, ReviewSchoolFixture.Password);
        var added = await dpo.Http.PostAsJsonAsync($"{Base}/api/people", new
        {
            externalId = "staff-eddie", kind = "Staff", legalFirstName = "Eddie", legalLastName = "Editor", accountEmail = "Editor@Review.example",
        });
        Assert.Equal(HttpStatusCode.Created, added.StatusCode);
        var eddie = (await added.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        var refused = await dpo.Http.PostAsJsonAsync($"{Base}/api/people", new { externalId = "staff-x", kind = "Staff", legalFirstName = "X", legalLastName = "Y", accountEmail = "not an address" });
        Assert.True((await ContentApiClient.ProblemAsync(refused)).GetProperty("errors").TryGetProperty("accountEmail", out _));

        using var editor = await Factory.SignedInAsync(Base, "editor@review.example", ReviewSchoolFixture.Password);
        var page = await editor.GetPageAsync($"{Base}/admin/my-pictures");
        Assert.Contains("Pictures of me", page);
        Assert.DoesNotContain("checked", Regex.Match(page, "id=\"yes-website\"[^>]*>").Value);
        Assert.False(await ClearedAsync(dpo, eddie, "website"));

        var saved = await editor.SubmitAsync($"{Base}/admin/my-pictures", ("Choice[website]", "yes"), ("Choice[social-media]", "no"));
        Assert.Contains("Your choices are saved", await saved.Content.ReadAsStringAsync());
        Assert.True(await ClearedAsync(dpo, eddie, "website"));
        Assert.False(await ClearedAsync(dpo, eddie, "social-media"));
        await editor.SubmitAsync($"{Base}/admin/my-pictures", ("Choice[website]", "no"));
        Assert.False(await ClearedAsync(dpo, eddie, "website"));

        // Someone not in the register is told why no picture of them is shown, and who to ask.
        using var contributor = await Factory.SignedInAsync(Base, "contributor@review.example", ReviewSchoolFixture.Password);
        Assert.Contains("ask the data protection officer", await contributor.GetPageAsync($"{Base}/admin/my-pictures"));
    }

    private static string LinkIn(MimeKit.MimeMessage message)
        => new Uri(Regex.Match(message.TextBody ?? "", @"https?://\S+/consent/scl_\S+").Value).PathAndQuery;

    private async Task<string> PersonAsync(Browser dpo, string misId)
    {
        var preview = await dpo.Http.PostAsync($"{Base}/api/people/import?preview=true",
            new StringContent(Register.Split('\n')[0] + "\n" + Register.Split('\n').Single(l => l.StartsWith(misId + ",", StringComparison.Ordinal)), Encoding.UTF8, "text/csv"));
        return (await preview.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("rows")[0].GetProperty("id").GetString()!;
    }

    private static async Task<bool> ClearedAsync(Browser who, string person, string purpose)
        => (await who.Http.GetFromJsonAsync<JsonElement>($"{Base}/api/people/{person}")).GetProperty("consents").GetProperty(purpose).GetProperty("cleared").GetBoolean();
}

public sealed class ConsentRoundOnSqlite() : ConsentRoundTests(TestDatabase.Sqlite);

public sealed class ConsentRoundOnPostgreSql() : ConsentRoundTests(TestDatabase.PostgreSql);
