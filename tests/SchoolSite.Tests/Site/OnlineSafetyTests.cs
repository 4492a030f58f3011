using System.Net;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Tests.Workflows;

namespace SchoolSite.Tests.Site;

/// <summary>
/// A school made from the school recipe starts with an "Online safety" page for pupils and families, linked from every
/// page's footer; once the settings name the designated safeguarding lead, every page says who they are and how to reach them.
/// </summary>
public abstract class OnlineSafetyTests<TFixture>(TFixture school) where TFixture : ReviewSchoolFixture
{
    private const string Base = ReviewSchoolFixture.PathBase;

    [Fact]
    public async Task The_starter_page_is_linked_from_every_page_and_names_the_safeguarding_lead_from_the_settings()
    {
        using var visitor = new Browser(school.Factory);
        var home = WebUtility.HtmlDecode(await visitor.GetPageAsync($"{Base}/"));
        Assert.Contains($"<a href=\"{Base}/online-safety\">Online safety</a>", home);
        Assert.DoesNotContain("Worried about a child?", home);
        var page = WebUtility.HtmlDecode(await visitor.GetPageAsync($"{Base}/online-safety"));
        Assert.Contains("Spotting grooming", page);
        Assert.Contains("How to report", page);
        Assert.Contains("Childline", page);
        Assert.Contains("ceop.police.uk", page);

        using var head = await school.Factory.SignedInAsync(Base, ReviewSchoolFixture.Head, TwoSchoolsFixture.AdminPassword);
        await WorkflowTests<SqliteReviewSchool>.SettingsAsync(head, ("Input.SafeguardingLead", "Mrs Amina Khan"), ("Input.SafeguardingContact", "01234 567890"));
        foreach (var path in new[] { "/", "/online-safety", "/news" })
        {
            Assert.Contains("Speak to our designated safeguarding lead, Mrs Amina Khan (01234 567890).",
                WebUtility.HtmlDecode(await visitor.GetPageAsync(Base + path)));
        }
    }
}

public sealed class OnlineSafetyOnSqlite(SqliteReviewSchool school) : OnlineSafetyTests<SqliteReviewSchool>(school), IClassFixture<SqliteReviewSchool>;

public sealed class OnlineSafetyOnPostgreSql(PostgreSqlReviewSchool school) : OnlineSafetyTests<PostgreSqlReviewSchool>(school), IClassFixture<PostgreSqlReviewSchool>;
