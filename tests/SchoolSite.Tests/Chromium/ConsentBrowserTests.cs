using Microsoft.Playwright;
using SchoolSite.Tests.Media;

namespace SchoolSite.Tests.Chromium;

/// <summary>In Chromium: a picture is uploaded, tagged and published; the family withdraws and it leaves the public page (a school without review, to keep to the consent story).</summary>
public sealed class ConsentBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    [Fact]
    public async Task Upload_tag_see_the_statuses_withdraw_and_the_picture_leaves_the_public_page()
    {
        var head = await fixture.NewPageAsync();
        await head.GotoAsync("/plain/login");
        await head.GetByLabel("E-mail").FillAsync(BrowserFixture.HeadEmail);
        await head.GetByLabel("Password", new() { Exact = true }).FillAsync(BrowserFixture.HeadPassword);
        await head.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await head.WaitForURLAsync("**/plain/admin");

        await head.GotoAsync("/plain/admin/media");
        await head.GetByLabel("Picture or PDF").SetInputFilesAsync(new FilePayload
        {
            Name = "IMG_0042.jpg", MimeType = "image/jpeg", Buffer = TestImages.WithPhoneMetadata(TestImages.Jpeg(640, 480), 1),
        });
        await head.GetByLabel("Alt text").FillAsync("Oliver building a bridge out of straws");
        await head.GetByRole(AriaRole.Button, new() { Name = "Upload" }).ClickAsync();
        await Assertions.Expect(head.GetByRole(AriaRole.Status)).ToContainTextAsync("Now say who is in the picture");
        var mediaId = head.Url.Split('?')[0].Split('/')[^1];
        await Assertions.Expect(head.Locator("li[data-purpose=website]")).ToContainTextAsync("unreviewed");

        await head.GetByLabel("Oliver P.").CheckAsync();
        await head.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Assertions.Expect(head.Locator("li[data-purpose=website]")).ToContainTextAsync("cleared");
        await Assertions.Expect(head.Locator("li[data-purpose=social-media]")).ToContainTextAsync("No consent is recorded for Oliver");

        await head.GotoAsync("/plain/admin/content/new/NewsArticle");
        await head.GetByLabel("Title", new() { Exact = true }).FillAsync("Year 5 bridge challenge");
        await head.GetByLabel("Summary", new() { Exact = true }).FillAsync("Year 5 built bridges.");
        await head.GetByRole(AriaRole.Textbox, new() { Name = "Text", Exact = true }).FillAsync("The strongest bridge held 40 marbles.");
        await head.GetByRole(AriaRole.Button, new() { Name = "Choose pictures…" }).ClickAsync();
        var picker = head.GetByRole(AriaRole.Dialog);
        await picker.GetByLabel("Find by words").FillAsync("bridge out of straws");
        await picker.Locator(".library li", new() { HasText = "Oliver building a bridge" }).GetByRole(AriaRole.Checkbox).CheckAsync();
        await picker.GetByRole(AriaRole.Button, new() { Name = "Add the ticked pictures" }).ClickAsync();
        await head.GetByRole(AriaRole.Button, new() { Name = "Publish" }).ClickAsync();
        await Assertions.Expect(head.GetByRole(AriaRole.Status)).ToContainTextAsync("Published.");
        await Assertions.Expect(head.Locator("section.checks")).ToContainTextAsync("is cleared");

        var visitor = await fixture.NewPageAsync();
        await visitor.GotoAsync("/plain/news");
        await visitor.GetByRole(AriaRole.Link, new() { Name = "Year 5 bridge challenge" }).ClickAsync();
        var picture = visitor.GetByRole(AriaRole.Img, new() { Name = "Oliver building a bridge out of straws" });
        await Assertions.Expect(picture).ToBeVisibleAsync();
        Assert.True(await picture.EvaluateAsync<bool>("img => img.complete && img.naturalWidth > 0"), "The picture did not load.");
        var articleUrl = visitor.Url;

        await head.GotoAsync("/plain/admin/people?q=Oliver");
        await head.GetByRole(AriaRole.Link, new() { Name = "Oliver Patel" }).ClickAsync();
        await head.GetByLabel("Purpose").SelectOptionAsync("website");
        await head.GetByLabel("Answer").SelectOptionAsync("Refused");
        await head.GetByLabel("Given by").FillAsync("Mr Patel");
        await head.GetByRole(AriaRole.Button, new() { Name = "Record" }).ClickAsync();
        await Assertions.Expect(head.Locator("section.takedown")).ToContainTextAsync("Year 5 bridge challenge");

        await visitor.GotoAsync(articleUrl);
        await Assertions.Expect(visitor.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Year 5 bridge challenge");
        await Assertions.Expect(visitor.Locator("main img")).ToHaveCountAsync(0);
        var file = await visitor.APIRequest.GetAsync($"/plain/media/{mediaId}/large");
        Assert.Equal(404, file.Status);
        await head.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.Artifacts, "person-after-withdrawal.png"), FullPage = true });
    }
}
