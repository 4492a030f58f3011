using System.Text.Json;
using Microsoft.Playwright;
using SchoolSite.Tests.Users;

namespace SchoolSite.Tests.Chromium;

/// <summary>
/// In Chromium, through the pages only: a new member of staff accepts an invitation and signs in; someone who forgot
/// their password resets it with the e-mailed link. Every page on the way is checked by axe-core at 375 and 1280 px,
/// must not scroll sideways at 375 px, must raise no Content-Security-Policy violation, and is photographed.
/// </summary>
public sealed class AccountBrowserTests(AccountsBrowserFixture fixture) : IClassFixture<AccountsBrowserFixture>
{
    private const string School = AccountsBrowserFixture.School;

    [Fact]
    public async Task A_new_user_accepts_an_invitation_and_signs_in()
    {
        var (head, headCsp) = await SignInAsync(AccountsBrowserFixture.HeadEmail, AccountsBrowserFixture.HeadPassword);
        await head.GotoAsync($"{School}/admin/users");
        await head.GetByRole(AriaRole.Link, new() { Name = "Add a user" }).ClickAsync();
        await head.GetByLabel("Name").FillAsync("Priya Patel");
        await head.GetByLabel("E-mail").FillAsync("priya@accounts.example");
        await head.GetByLabel("Editor", new() { Exact = true }).CheckAsync();
        await CheckAsync(head, "account-invite");
        await head.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(head.GetByRole(AriaRole.Status)).ToContainTextAsync("We have sent Priya Patel an invitation at priya@accounts.example.");
        await CheckAsync(head, "account-invite-sent");
        await head.GetByRole(AriaRole.Link, new() { Name = "Back to users" }).ClickAsync();
        await Assertions.Expect(head.GetByRole(AriaRole.Row, new() { Name = "Priya Patel" })).ToContainTextAsync("Invited, not signed in yet");
        await CheckAsync(head, "account-users");
        await head.GetByRole(AriaRole.Link, new() { Name = "Priya Patel" }).ClickAsync();
        await Assertions.Expect(head.GetByRole(AriaRole.Heading, new() { Name = "Invitation" })).ToBeVisibleAsync();
        await CheckAsync(head, "account-user-invited");

        var link = await Invited.LinkAsync(fixture.Mail, "priya@accounts.example", "You have been invited to Oakwood Primary School");
        var (person, personCsp) = await fixture.NewPageAsync(375);
        await person.GotoAsync(link);
        await Assertions.Expect(person.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Choose your password");
        await CheckAsync(person, "account-choose-password");
        await person.GetByLabel("New password", new() { Exact = true }).FillAsync("swallows over the playground");
        await person.GetByLabel("New password again").FillAsync("swallows over the playground");
        await person.GetByRole(AriaRole.Button, new() { Name = "Save password" }).ClickAsync();
        await Assertions.Expect(person.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is saved.");
        await CheckAsync(person, "account-password-saved");
        await person.GetByLabel("E-mail").FillAsync("priya@accounts.example");
        await person.GetByLabel("Password", new() { Exact = true }).FillAsync("swallows over the playground");
        await person.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ArrivedAsync(person, $"{School}/admin");
        await CheckAsync(person, "account-signed-in");

        // Their own password, from the account menu.
        await person.GetByRole(AriaRole.Link, new() { Name = "Change password" }).First.ClickAsync();
        await Assertions.Expect(person.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Change your password");
        await CheckAsync(person, "account-change-password");

        await head.ReloadAsync();
        await Assertions.Expect(head.GetByRole(AriaRole.Heading, new() { Name = "Password" })).ToBeVisibleAsync();
        await CheckAsync(head, "account-user-active");
        NoCspViolations(headCsp, personCsp);
    }

    [Fact]
    public async Task A_user_resets_a_forgotten_password_through_the_email()
    {
        var (head, headCsp) = await SignInAsync(AccountsBrowserFixture.HeadEmail, AccountsBrowserFixture.HeadPassword);
        await head.GotoAsync($"{School}/admin/users/create");
        await head.GetByLabel("Name").FillAsync("Sam Forgetful");
        await head.GetByLabel("E-mail").FillAsync("sam@accounts.example");
        await head.GetByLabel("Contributor", new() { Exact = true }).CheckAsync();
        await head.GetByRole(AriaRole.Button, new() { Name = "Send invitation" }).ClickAsync();
        await Assertions.Expect(head.GetByRole(AriaRole.Status)).ToContainTextAsync("We have sent Sam Forgetful an invitation");
        var (setUp, setUpCsp) = await fixture.NewPageAsync();
        await setUp.GotoAsync(await Invited.LinkAsync(fixture.Mail, "sam@accounts.example", "You have been invited"));
        await setUp.GetByLabel("New password", new() { Exact = true }).FillAsync("the password sam forgot");
        await setUp.GetByLabel("New password again").FillAsync("the password sam forgot");
        await setUp.GetByRole(AriaRole.Button, new() { Name = "Save password" }).ClickAsync();
        await Assertions.Expect(setUp.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is saved.");

        var (sam, csp) = await fixture.NewPageAsync(375);
        await sam.GotoAsync($"{School}/login");
        await CheckAsync(sam, "account-sign-in");
        await sam.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await Assertions.Expect(sam.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Forgot your password?");
        await CheckAsync(sam, "account-forgot-password");
        await sam.GetByLabel("E-mail").FillAsync("sam@accounts.example");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Send me a link" }).ClickAsync();
        await Assertions.Expect(sam.GetByRole(AriaRole.Status)).ToContainTextAsync("a link to choose a new password is on its way");
        await CheckAsync(sam, "account-forgot-password-sent");

        var reset = await Invited.LinkAsync(fixture.Mail, "sam@accounts.example", "Choose a new password for Oakwood Primary School");
        await sam.GotoAsync(reset);
        await Assertions.Expect(sam.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Choose a new password");
        await CheckAsync(sam, "account-reset-password");
        await sam.GetByLabel("New password", new() { Exact = true }).FillAsync("a new one sam will remember");
        await sam.GetByLabel("New password again").FillAsync("a new one sam will remember");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Save password" }).ClickAsync();
        await Assertions.Expect(sam.GetByRole(AriaRole.Status)).ToContainTextAsync("Your password is saved.");
        await sam.GetByLabel("E-mail").FillAsync("sam@accounts.example");
        await sam.GetByLabel("Password", new() { Exact = true }).FillAsync("a new one sam will remember");
        await sam.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ArrivedAsync(sam, $"{School}/admin");

        // The link is spent.
        await sam.GotoAsync(reset);
        await Assertions.Expect(sam.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("This link no longer works");
        await CheckAsync(sam, "account-link-spent");
        NoCspViolations(headCsp, setUpCsp, csp);
    }

    private async Task<(IPage Page, List<string> Csp)> SignInAsync(string email, string password)
    {
        var (page, csp) = await fixture.NewPageAsync();
        await page.GotoAsync($"{School}/login");
        await page.GetByLabel("E-mail").FillAsync(email);
        await page.GetByLabel("Password", new() { Exact = true }).FillAsync(password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await ArrivedAsync(page, $"{School}/admin");
        return (page, csp);
    }

    private static void NoCspViolations(params List<string>[] pages)
    {
        var violations = pages.SelectMany(p => p).ToList();
        Assert.True(violations.Count == 0, "Content-Security-Policy violations:\n" + string.Join("\n", violations));
    }

    /// <summary>Waits for the page to reach <paramref name="path"/>; if it does not, the failure says what the page showed instead.</summary>
    private static async Task ArrivedAsync(IPage page, string path)
    {
        try
        {
            await page.WaitForURLAsync("**" + path, new() { Timeout = 15000 });
        }
        catch (TimeoutException)
        {
            Assert.Fail($"Expected {path}, still at {page.Url}, showing: {await page.InnerTextAsync("main")}");
        }
    }

    /// <summary>At 375 and 1280 px: no serious or critical axe-core violation, nothing wider than the window, and a screenshot each.</summary>
    private static async Task CheckAsync(IPage page, string name)
    {
        var original = page.ViewportSize!;
        foreach (var width in new[] { 375, 1280 })
        {
            await page.SetViewportSizeAsync(width, 900);
            var violations = await page.EvaluateAsync<JsonElement>(
                "async () => (await axe.run(document, { resultTypes: ['violations'] })).violations" +
                ".filter(v => v.impact === 'serious' || v.impact === 'critical')" +
                ".map(v => `${v.impact} ${v.id}: ${v.help} (${v.nodes.map(n => n.target.join(' ')).join(', ')})`)");
            Assert.True(violations.GetArrayLength() == 0, $"{name} at {width}px:\n" + string.Join("\n", violations.EnumerateArray()));
            var overflow = await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth > window.innerWidth + 1");
            Assert.False(overflow, $"{name} scrolls sideways at {width}px.");
            await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, $"{name}-{width}.png"), FullPage = true });
        }
        await page.SetViewportSizeAsync(original.Width, original.Height);
    }
}
