using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using SchoolSite.Core.Modules;
using SchoolSite.Tests.Infrastructure;
using SchoolSite.Users.Models;

namespace SchoolSite.Tests.Users;

/// <summary>The sign-in page does not tell a stranger whether an account exists: not by its words, not by the work it does.</summary>
public sealed class SignInDisclosureTests(SignInDisclosureTests.CountedSchool school) : IClassFixture<SignInDisclosureTests.CountedSchool>
{
    private const string School = "/alpha";

    [Fact]
    public async Task Every_attempt_costs_one_password_check_whether_or_not_the_account_exists()
    {
        var known = await school.AddStaffAsync();
        var disabled = await school.AddStaffAsync();
        var locked = await school.AddStaffAsync();
        using (var admin = await school.Factory.AlphaHeadAsync())
        {
            var id = await Accounts.UserIdAsync(admin, School, disabled);
            await admin.SubmitAsync($"{School}/admin/users/{id}", [], $"{School}/admin/users/{id}?handler=Disable");
        }
        using var stranger = new Browser(school.Factory);
        for (var attempt = 0; attempt < 5; attempt++)
        {
            await stranger.SignInAsync(School, locked, "not the password");
        }

        foreach (var (email, password) in new[]
        {
            ("nobody.here@alpha.example", "any password at all"),
            (known, "not the password"),
            (known, People.StaffPassword),
            (locked, People.StaffPassword),
            (disabled, "not the password"),
            (disabled, People.StaffPassword),
        })
        {
            using var browser = new Browser(school.Factory);
            var before = school.Counter.Checks;
            await browser.SignInAsync(School, email, password);
            Assert.True(school.Counter.Checks - before == 1, $"Signing in as {email} checked a password {school.Counter.Checks - before} times.");
        }
    }

    [Fact]
    public async Task After_too_many_attempts_the_answer_is_the_same_for_a_real_account_and_an_unknown_one()
    {
        var real = await school.AddStaffAsync();
        using var stranger = new Browser(school.Factory);
        var answers = new List<(string Real, string Unknown)>();
        for (var attempt = 1; attempt <= 7; attempt++)
        {
            var toReal = Browser.ErrorText(await Accounts.TextAsync(await stranger.SignInAsync(School, real, $"guess {attempt}")));
            var toUnknown = Browser.ErrorText(await Accounts.TextAsync(await stranger.SignInAsync(School, "no.one@alpha.example", $"guess {attempt}")));
            answers.Add((toReal, toUnknown));
        }
        Assert.All(answers, a => Assert.Equal(a.Unknown, a.Real));
        Assert.Contains("or there have been too many attempts; try again in 15 minutes", answers[^1].Real);

        using var owner = new Browser(school.Factory);
        var right = await owner.SignInAsync(School, real, People.StaffPassword);
        Assert.Equal(answers[^1].Real, Browser.ErrorText(await Accounts.TextAsync(right)));
        Assert.Equal(HttpStatusCode.Redirect, (await owner.GetAsync($"{School}/admin")).StatusCode);
    }

    /// <summary>An installation whose password hasher counts the checks it makes (it still hashes for real).</summary>
    public sealed class CountedSchool : IAsyncLifetime
    {
        public CountedSchool() => Factory = new SchoolSiteFactory(TestDatabase.Sqlite, new CountingHasherModule(Counter));

        public PasswordChecks Counter { get; } = new();

        public SchoolSiteFactory Factory { get; }

        public async Task<string> AddStaffAsync()
        {
            using var admin = await Factory.AlphaHeadAsync();
            return await Accounts.CreateAsync(admin, School, "Staff", "Staff");
        }

        public async Task InitializeAsync()
        {
            _ = Factory.Server;
            await Factory.CreateSchoolAsync("alpha", "Alpha Primary", "alpha");
        }

        public async Task DisposeAsync() => await Factory.DisposeAsync();
    }

    public sealed class PasswordChecks
    {
        private int _checks;

        public int Checks => Volatile.Read(ref _checks);

        public void Count() => Interlocked.Increment(ref _checks);
    }

    private sealed class CountingHasherModule(PasswordChecks counter) : SchoolSiteModule
    {
        public override string Name => "Test.CountingHasher";

        public override IEnumerable<FeatureDescriptor> Features => [];

        public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
            => services.AddScoped<IPasswordHasher<SchoolUser>>(sp =>
                new CountingHasher(new PasswordHasher<SchoolUser>(sp.GetService<IOptions<PasswordHasherOptions>>()), counter));
    }

    /// <summary>Wraps the real hasher: same hashes, same cost, and a count of every password it checks.</summary>
    private sealed class CountingHasher(IPasswordHasher<SchoolUser> inner, PasswordChecks counter) : IPasswordHasher<SchoolUser>
    {
        public string HashPassword(SchoolUser user, string password) => inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(SchoolUser user, string hashedPassword, string providedPassword)
        {
            counter.Count();
            return inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
