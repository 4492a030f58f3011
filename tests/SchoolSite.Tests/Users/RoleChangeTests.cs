using System.Net;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Users;

/// <summary>Nobody gives themselves or others more than they hold: roles and permissions change only within the giver's own rights.</summary>
public abstract class RoleChangeTests<TFixture>(TFixture fixture) where TFixture : TwoSchoolsFixture
{
    private const string School = "/alpha";

    private SchoolSiteFactory Factory => fixture.Factory;

    [Fact]
    public async Task A_headteacher_cannot_make_themselves_administrator_and_the_form_keeps_what_they_typed()
    {
        using var admin = await Factory.AlphaHeadAsync();
        var headEmail = await Accounts.CreateAsync(admin, School, "Head", "Headteacher");
        using var head = await Factory.SignedInAsync(School, headEmail, People.StaffPassword);
        var self = await Accounts.UserIdAsync(head, School, headEmail);

        var refused = await head.SubmitAsync($"{School}/admin/users/{self}",
            ("Input.DisplayName", "Head Renamed"), ("Input.Email", headEmail), ("Input.Roles", "Headteacher"), ("Input.Roles", "Administrator"));
        var page = await Accounts.TextAsync(refused);
        Assert.Contains("You cannot change your own roles. Ask an Administrator to change them for you.", page);
        Assert.Contains("value=\"Head Renamed\"", page);
        Assert.DoesNotContain("Saved.", page);

        Assert.Equal("Headteacher", await Accounts.RolesOfAsync(admin, School, headEmail));
        Assert.DoesNotContain("Head Renamed", await admin.GetPageAsync($"{School}/admin/users"));
        var features = await head.GetAsync($"{School}/admin/features");
        Assert.Contains("access-denied", features.Headers.Location!.ToString());
    }

    [Fact]
    public async Task Roles_are_named_as_school_staff_say_them()
    {
        using var admin = await Factory.AlphaHeadAsync();
        var email = await Accounts.CreateAsync(admin, School, "Leader", "SeniorLeader", "DataProtectionOfficer");

        var roles = await Accounts.RolesOfAsync(admin, School, email);
        Assert.Contains("Senior leader", roles);
        Assert.Contains("Data protection officer", roles);
        var form = await admin.GetPageAsync($"{School}/admin/users/create");
        Assert.Contains(">Data protection officer</label>", form);
        Assert.DoesNotContain(">DataProtectionOfficer<", form);
        Assert.Contains(">Senior leader</a>", await admin.GetPageAsync($"{School}/admin/roles"));
    }

    [Fact]
    public async Task Only_an_administrator_gives_or_takes_away_administrator_and_every_role_change_is_audited()
    {
        using var admin = await Factory.AlphaHeadAsync();
        var headEmail = await Accounts.CreateAsync(admin, School, "Head", "Headteacher");
        var staffEmail = await Accounts.CreateAsync(admin, School, "Teacher", "Staff");
        using var head = await Factory.SignedInAsync(School, headEmail, People.StaffPassword);
        var staff = await Accounts.UserIdAsync(head, School, staffEmail);
        var administrator = await Accounts.UserIdAsync(head, School, TwoSchoolsFixture.AlphaAdmin);

        var promote = await Accounts.TextAsync(await head.SubmitAsync($"{School}/admin/users/{staff}",
            ("Input.DisplayName", "Teacher"), ("Input.Email", staffEmail), ("Input.Roles", "Staff"), ("Input.Roles", "Administrator")));
        Assert.Contains("Only an Administrator can give or take away the Administrator role. Ask an Administrator.", promote);
        var demote = await Accounts.TextAsync(await head.SubmitAsync($"{School}/admin/users/{administrator}",
            ("Input.DisplayName", "School administrator"), ("Input.Email", TwoSchoolsFixture.AlphaAdmin), ("Input.Roles", "Staff")));
        Assert.Contains("Only an Administrator can give or take away the Administrator role.", demote);
        var newAdmin = await Accounts.TextAsync(await head.SubmitAsync($"{School}/admin/users/create",
            ("Input.DisplayName", "Friend"), ("Input.Email", "friend@alpha.example"), ("Input.Password", People.StaffPassword), ("Input.Roles", "Administrator")));
        Assert.Contains("Only an Administrator can give or take away the Administrator role.", newAdmin);
        Assert.Contains("value=\"friend@alpha.example\"", newAdmin);

        var users = await admin.GetPageAsync($"{School}/admin/users");
        Assert.DoesNotContain("friend@alpha.example", users);
        Assert.Equal("Staff", await Accounts.RolesOfAsync(admin, School, staffEmail));
        Assert.Equal("Administrator", await Accounts.RolesOfAsync(admin, School, TwoSchoolsFixture.AlphaAdmin));

        // A role that allows nothing the headteacher may not do: theirs to give.
        var editor = await Accounts.TextAsync(await head.SubmitAsync($"{School}/admin/users/{staff}",
            ("Input.DisplayName", "Teacher"), ("Input.Email", staffEmail), ("Input.Roles", "Staff"), ("Input.Roles", "Editor")));
        Assert.True(editor.Contains("Saved."), Browser.ErrorText(editor));
        var promoted = await Accounts.TextAsync(await admin.SubmitAsync($"{School}/admin/users/{staff}",
            ("Input.DisplayName", "Teacher"), ("Input.Email", staffEmail), ("Input.Roles", "Editor"), ("Input.Roles", "Administrator")));
        Assert.True(promoted.Contains("Saved."), Browser.ErrorText(promoted));
        Assert.Equal("Administrator, Editor", await Accounts.RolesOfAsync(admin, School, staffEmail));

        var audit = WebUtility.HtmlDecode(await admin.GetPageAsync($"{School}/admin/audit?subject=user:{staff}"));
        Assert.Contains("users roles-changed", audit);
        Assert.Contains("<td>Staff</td><td>Editor, Staff</td>", audit);
        Assert.Contains("<td>Editor, Staff</td><td>Administrator, Editor</td>", audit);
    }

    [Fact]
    public async Task A_headteacher_cannot_take_over_or_lock_out_an_administrators_account()
    {
        using var admin = await Factory.AlphaHeadAsync();
        var headEmail = await Accounts.CreateAsync(admin, School, "Head", "Headteacher");
        var staffEmail = await Accounts.CreateAsync(admin, School, "Teacher", "Staff");
        using var head = await Factory.SignedInAsync(School, headEmail, People.StaffPassword);
        var administrator = await Accounts.UserIdAsync(head, School, TwoSchoolsFixture.AlphaAdmin);

        var email = await Accounts.TextAsync(await head.SubmitAsync($"{School}/admin/users/{administrator}",
            ("Input.DisplayName", "School administrator"), ("Input.Email", "mine@alpha.example"), ("Input.Roles", "Administrator")));
        Assert.Contains("holds a role you cannot give (Administrator), so you cannot change their account. Ask an Administrator to do it.", email);
        var disable = await Accounts.TextAsync(await head.SubmitAsync($"{School}/admin/users/{administrator}",
            [], $"{School}/admin/users/{administrator}?handler=Disable"));
        Assert.Contains("so you cannot change their account", disable);
        using (var stillAdmin = await Factory.AlphaHeadAsync())
        {
            Assert.Contains(TwoSchoolsFixture.AlphaAdmin, await stillAdmin.GetPageAsync($"{School}/admin/users"));
        }

        // Someone whose roles the headteacher could give is theirs to manage.
        var staff = await Accounts.UserIdAsync(head, School, staffEmail);
        var disabled = await Accounts.TextAsync(await head.SubmitAsync($"{School}/admin/users/{staff}", [], $"{School}/admin/users/{staff}?handler=Disable"));
        Assert.Contains("The account is disabled", disabled);
    }

    [Fact]
    public async Task A_role_or_permission_that_allows_more_than_the_giver_may_do_is_refused_saying_who_can()
    {
        const string school = "/rolesafe";
        await Factory.CreateSchoolAsync("rolesafe", "Role Safe Primary", "rolesafe");
        using var admin = await Factory.SignedInAsync(school, "head@rolesafe.example", TwoSchoolsFixture.AdminPassword);
        await SetPermissionsAsync(admin, school, "Contributor", add: "ManageFeatures");
        var headEmail = await Accounts.CreateAsync(admin, school, "Head", "Headteacher");
        var staffEmail = await Accounts.CreateAsync(admin, school, "Teacher", "Staff");
        using var head = await Factory.SignedInAsync(school, headEmail, People.StaffPassword);
        var staff = await Accounts.UserIdAsync(head, school, staffEmail);

        var contributor = await Accounts.TextAsync(await head.SubmitAsync($"{school}/admin/users/{staff}",
            ("Input.DisplayName", "Teacher"), ("Input.Email", staffEmail), ("Input.Roles", "Staff"), ("Input.Roles", "Contributor")));
        Assert.True(contributor.Contains("Ask an Administrator"), Browser.ErrorText(contributor));
        Assert.Contains("You cannot give or take away the Contributor role: it allows things you are not allowed to do yourself (Enable and disable features). Ask an Administrator.", contributor);
        Assert.Equal("Staff", await Accounts.RolesOfAsync(admin, school, staffEmail));

        // On the roles page (the school's recipe lets headteachers edit roles): only permissions the headteacher holds can be added or taken away.
        var current = await GrantedAsync(head, school, "Staff");
        var refused = await Accounts.TextAsync(await head.SubmitAsync($"{school}/admin/roles/Staff",
            current.Append("ManageFeatures").Select(p => new KeyValuePair<string, string>("Selected", p))));
        Assert.Contains("you do not hold these: Enable and disable features. Ask an Administrator.", refused);
        Assert.Contains("value=\"ManageFeatures\" checked=\"checked\"", refused);
        Assert.DoesNotContain("ManageFeatures", await GrantedAsync(admin, school, "Staff"));
        var granted = await Accounts.TextAsync(await head.SubmitAsync($"{school}/admin/roles/Staff",
            current.Append("ViewUsers").Select(p => new KeyValuePair<string, string>("Selected", p))));
        Assert.True(granted.Contains("Permissions saved"), Browser.ErrorText(granted));
    }

    private static async Task SetPermissionsAsync(Browser admin, string school, string role, string add)
    {
        var saved = await Accounts.TextAsync(await admin.SubmitAsync($"{school}/admin/roles/{role}",
            (await GrantedAsync(admin, school, role)).Append(add).Select(p => new KeyValuePair<string, string>("Selected", p))));
        Assert.True(saved.Contains("Permissions saved"), Browser.ErrorText(saved));
    }

    private static async Task<IReadOnlyList<string>> GrantedAsync(Browser person, string school, string role)
        => System.Text.RegularExpressions.Regex.Matches(await person.GetPageAsync($"{school}/admin/roles/{role}"),
                "name=\"Selected\" value=\"([A-Za-z]+)\" checked=\"checked\"")
            .Select(m => m.Groups[1].Value).ToList();
}

public sealed class RoleChangesOnSqlite(SqliteSchools fixture) : RoleChangeTests<SqliteSchools>(fixture), IClassFixture<SqliteSchools>;

public sealed class RoleChangesOnPostgreSql(PostgreSqlSchools fixture) : RoleChangeTests<PostgreSqlSchools>(fixture), IClassFixture<PostgreSqlSchools>;
