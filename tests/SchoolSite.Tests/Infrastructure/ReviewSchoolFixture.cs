namespace SchoolSite.Tests.Infrastructure;

/// <summary>
/// A school made from the standard recipe, with review before publishing, its staff in each role, and
/// an SMTP sink the installation sends its e-mail to.
/// </summary>
public abstract class ReviewSchoolFixture(string provider) : IAsyncLifetime
{
    public const string School = "review";
    public const string PathBase = "/review";
    public const string Head = "head@review.example";
    public const string Password = "review staff password";

    public static readonly (string Email, string Name, string Role)[] Staff =
    [
        ("contributor@review.example", "Cara Contributor", "Contributor"),
        ("editor@review.example", "Eddie Editor", "Editor"),
        ("editor2@review.example", "Erin Editor", "Editor"),
        ("leader@review.example", "Lena Leader", "SeniorLeader"),
        ("leader2@review.example", "Luke Leader", "SeniorLeader"),
        ("headteacher@review.example", "Hana Headteacher", "Headteacher"),
        ("dpo@review.example", "Dev DPO", "DataProtectionOfficer"),
    ];

    public SmtpSink Mail { get; } = new();

    public SchoolSiteFactory Factory { get; } = new(provider);

    public async Task InitializeAsync()
    {
        SendMailTo(Factory, Mail);
        _ = Factory.Server;
        await Factory.CreateSchoolAsync(School, "Review Primary", School, recipe: "school");
        await AddStaffAsync(Factory);
    }

    /// <summary>Points the installation's SMTP settings at the sink (before the host starts).</summary>
    public static void SendMailTo(SchoolSiteFactory factory, SmtpSink sink)
    {
        factory.Extra["SchoolSite:Smtp:Host"] = "127.0.0.1";
        factory.Extra["SchoolSite:Smtp:Port"] = sink.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task AddStaffAsync(SchoolSiteFactory factory)
    {
        using var head = await factory.SignedInAsync(PathBase, Head, TwoSchoolsFixture.AdminPassword);
        foreach (var (email, name, role) in Staff)
        {
            var created = await head.SubmitAsync($"{PathBase}/admin/users/create",
                ("Input.DisplayName", name), ("Input.Email", email), ("Input.Password", Password), ("Input.Roles", role));
            Assert.Contains("can now sign in", await created.Content.ReadAsStringAsync());
        }
    }

    public Task<Browser> AsAsync(string email)
        => Factory.SignedInAsync(PathBase, email, email == Head ? TwoSchoolsFixture.AdminPassword : Password);

    public async Task DisposeAsync()
    {
        await Factory.DisposeAsync();
        await Mail.DisposeAsync();
    }
}

public sealed class SqliteReviewSchool() : ReviewSchoolFixture(TestDatabase.Sqlite);

public sealed class PostgreSqlReviewSchool() : ReviewSchoolFixture(TestDatabase.PostgreSql);
