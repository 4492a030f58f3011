using Microsoft.Playwright;

namespace SchoolSite.Tests.Chromium;

/// <summary>
/// In Chromium on a phone-sized screen (375 px): the consent round from the school's side (a contact added, the round
/// started, its letter printed, progress) and from the family's (the letter's link, each purpose answered), with
/// screenshots of each step.
/// </summary>
public sealed class ConsentRoundBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const int Phone = 375;

    [Fact]
    public async Task The_school_runs_the_round_and_a_family_answers_from_the_letter_on_a_phone()
    {
        var head = await fixture.NewPageAsync(Phone);
        await head.GotoAsync("/plain/login");
        await head.GetByLabel("E-mail").FillAsync(BrowserFixture.HeadEmail);
        await head.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserFixture.HeadPassword);
        await head.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await head.WaitForURLAsync("**/plain/admin");

        // Oliver's mother has no e-mail address: she will be asked by letter.
        await head.GotoAsync("/plain/admin/people?q=Oliver");
        await head.GetByRole(AriaRole.Link, new() { Name = "Oliver Patel" }).ClickAsync();
        await head.GetByText("Add or change a contact").ClickAsync();
        await head.GetByLabel("Name", new() { Exact = true }).FillAsync("Priya Patel");
        await head.GetByLabel("Relationship to the pupil").FillAsync("Mother");
        await head.GetByLabel("Has parental responsibility").CheckAsync();
        await head.GetByRole(AriaRole.Button, new() { Name = "Save contact" }).ClickAsync();
        await Assertions.Expect(head.Locator("table.contacts")).ToContainTextAsync("By letter (no e-mail)");
        await head.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "consent-round-contacts-375.png"), FullPage = true });

        await head.GotoAsync("/plain/admin/consent/round");
        await head.GetByLabel("Your message to families").FillAsync("Every year we ask how we may use photographs of your child. Thank you.");
        await head.GetByRole(AriaRole.Button, new() { Name = "Start the round and send the e-mails" }).ClickAsync();
        await Assertions.Expect(head.GetByRole(AriaRole.Status)).ToContainTextAsync("The round has started");
        await Assertions.Expect(head.Locator("main")).ToContainTextAsync("0 of 1 pupils have an answer");
        Assert.Empty(await BrowserFixture.AxeViolationsAsync(head));
        await head.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "consent-round-started-375.png"), FullPage = true });

        await head.GetByRole(AriaRole.Link, new() { Name = "print their letters" }).ClickAsync();
        await head.GetByRole(AriaRole.Button, new() { Name = "Make the letters to print" }).ClickAsync();
        var letter = head.Locator("section.letter");
        await Assertions.Expect(letter).ToHaveCountAsync(1);
        await Assertions.Expect(letter).ToContainTextAsync("Dear Priya Patel");
        await Assertions.Expect(letter.GetByRole(AriaRole.Img, new() { Name = "QR code of the link for Oliver" })).ToBeVisibleAsync();
        var link = (await letter.Locator(".address").InnerTextAsync()).Trim();
        await head.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "consent-round-letter-375.png"), FullPage = true });

        // The family, on their phone.
        var family = await fixture.NewPageAsync(Phone);
        await family.GotoAsync(new Uri(link).PathAndQuery);
        await Assertions.Expect(family.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Photographs of Oliver");
        await Assertions.Expect(family.Locator("main")).ToContainTextAsync("saying no has no effect on anything else at school");
        // Nothing is ticked for them where the school needs their consent.
        Assert.False(await family.Locator("#yes-website").IsCheckedAsync());
        Assert.False(await family.Locator("#no-website").IsCheckedAsync());
        await family.Locator("#yes-website").CheckAsync();
        await family.Locator("#no-social-media").CheckAsync();
        await family.GetByRole(AriaRole.Button, new() { Name = "Save my choices" }).ClickAsync();
        await Assertions.Expect(family.GetByRole(AriaRole.Status)).ToContainTextAsync("your choices are saved");
        Assert.Empty(await BrowserFixture.AxeViolationsAsync(family));
        await family.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "consent-round-family-375.png"), FullPage = true });

        await head.GotoAsync("/plain/admin/consent/round");
        await Assertions.Expect(head.Locator("main")).ToContainTextAsync("1 of 1 pupils have an answer");
        await head.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "consent-round-progress-375.png"), FullPage = true });
    }
}
