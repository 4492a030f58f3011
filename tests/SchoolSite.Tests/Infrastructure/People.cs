namespace SchoolSite.Tests.Infrastructure;

/// <summary>The people of a test school: browsers signed in as its head or as a new member of staff.</summary>
public static class People
{
    public const string StaffPassword = "staff password 12";

    public static async Task<Browser> SignedInAsync(this SchoolSiteFactory factory, string pathBase, string email, string password)
    {
        var browser = new Browser(factory);
        await browser.SignInOrFailAsync(pathBase, email, password);
        return browser;
    }

    public static Task<Browser> AlphaHeadAsync(this SchoolSiteFactory factory)
        => factory.SignedInAsync("/alpha", TwoSchoolsFixture.AlphaAdmin, TwoSchoolsFixture.AdminPassword);

    /// <summary>Adds a user with one role at alpha (through the users page) and signs them in.</summary>
    public static async Task<Browser> NewAlphaStaffAsync(this SchoolSiteFactory factory, string role)
    {
        var email = $"{role.ToLowerInvariant()}.{Guid.NewGuid():N}"[..24] + "@alpha.example";
        using (var head = await factory.AlphaHeadAsync())
        {
            var created = await head.SubmitAsync("/alpha/admin/users/create",
                ("Input.DisplayName", role), ("Input.Email", email), ("Input.Password", StaffPassword), ("Input.Roles", role));
            Assert.Contains("can now sign in", await created.Content.ReadAsStringAsync());
        }
        return await factory.SignedInAsync("/alpha", email, StaffPassword);
    }
}
