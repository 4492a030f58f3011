using Microsoft.Playwright;
using SchoolSite.Tests.Media;

namespace SchoolSite.Tests.Chromium;

/// <summary>
/// In Chromium, under the site's own CSP: the content editor as a school office uses it. Rich text written with the
/// toolbar, pictures chosen (and one uploaded) in the picker, the article taken through review to the public site;
/// a page added to the menu by picking it; every editor page checked by axe-core at 375 and 1280 px.
/// </summary>
public sealed class EditorBrowserTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string StaffPassword = "editor staff password";

    [Fact]
    public async Task A_contributor_writes_an_article_with_formatted_text_and_two_pictures_from_the_picker_and_after_review_it_is_live()
    {
        var head = await StrictPage.OpenAsync(fixture);
        await head.SignInAsync("demo", BrowserFixture.HeadEmail, BrowserFixture.HeadPassword);
        foreach (var (name, email, role) in new[] { ("Carl Contributor", "carl@demo.example", "Contributor"), ("Erin Editor", "erin@demo.example", "Editor"),
            ("Lewis Leader", "lewis@demo.example", "Senior leader") })
        {
            await head.Page.GotoAsync("/demo/admin/users/create");
            await head.Page.GetByLabel("Name").FillAsync(name);
            await head.Page.GetByLabel("E-mail").FillAsync(email);
            await head.Page.GetByLabel("Password (leave empty").FillAsync(StaffPassword);
            await head.Page.GetByLabel(role, new() { Exact = true }).CheckAsync();
            await head.Page.GetByRole(AriaRole.Button, new() { Name = "Add user" }).ClickAsync();
            await Assertions.Expect(head.Page.GetByRole(AriaRole.Status)).ToContainTextAsync("can now sign in");
        }

        var contributor = await StrictPage.OpenAsync(fixture);
        var page = contributor.Page;
        await contributor.SignInAsync("demo", "carl@demo.example", StaffPassword);
        await page.GotoAsync("/demo/admin/content/new/NewsArticle");
        await page.GetByLabel("Title", new() { Exact = true }).FillAsync("Rockets and raised beds");
        await page.GetByLabel("Summary", new() { Exact = true }).FillAsync("Science week and the garden.");

        // Formatted text with the toolbar and the keyboard: a subheading, bold words, a list and a link to a page picked by title.
        var text = page.GetByRole(AriaRole.Textbox, new() { Name = "Text", Exact = true });
        await text.ClickAsync();
        await page.Keyboard.TypeAsync("What we did");
        await page.GetByRole(AriaRole.Button, new() { Name = "Subheading" }).ClickAsync();
        await page.Keyboard.PressAsync("End");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("Year 5 launched ");
        await page.Keyboard.PressAsync("Control+b");
        await page.Keyboard.TypeAsync("paper rockets");
        await page.Keyboard.PressAsync("Control+b");
        await page.Keyboard.TypeAsync(" and planted the garden.");
        await page.Keyboard.PressAsync("Enter");
        await page.GetByRole(AriaRole.Button, new() { Name = "Bulleted list" }).ClickAsync();
        await page.Keyboard.TypeAsync("Rockets flew 20 metres");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("Beans and peas went in");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.TypeAsync("More about us: ");
        await page.GetByRole(AriaRole.Button, new() { Name = "Link…" }).ClickAsync();
        var linkDialog = page.GetByRole(AriaRole.Dialog);
        await linkDialog.GetByLabel("Words people click").FillAsync("our school");
        await linkDialog.GetByLabel("Find a page by its title").FillAsync("about");
        await linkDialog.GetByRole(AriaRole.Button, new() { Name = "About our school" }).ClickAsync();
        await Assertions.Expect(linkDialog).ToHaveCountAsync(0);
        await Assertions.Expect(text.Locator("h3")).ToHaveTextAsync("What we did");
        await Assertions.Expect(text.Locator("strong")).ToHaveTextAsync("paper rockets");
        // Every letter typed straight after a toolbar click is in the text.
        await Assertions.Expect(text.Locator("ul > li")).ToHaveTextAsync(["Rockets flew 20 metres", "Beans and peas went in"]);
        await Assertions.Expect(text.Locator("a[href='/demo/about']")).ToHaveTextAsync("our school");

        // Two pictures found in the picker by words, their standing shown before choosing; one uploaded in place, then taken out again.
        await page.GetByRole(AriaRole.Button, new() { Name = "Choose pictures…" }).ClickAsync();
        var picker = page.GetByRole(AriaRole.Dialog);
        await picker.GetByLabel("Find by words").FillAsync("rockets");
        var rockets = picker.Locator(".library li", new() { HasText = "paper rockets" });
        await Assertions.Expect(rockets.Locator(".status")).ToContainTextAsync("Cleared for the website");
        await rockets.GetByRole(AriaRole.Checkbox).CheckAsync();
        await picker.GetByLabel("Find by words").FillAsync("reading corner");
        var refused = picker.Locator(".library li", new() { HasText = "reading corner" });
        await Assertions.Expect(refused.Locator(".status")).ToContainTextAsync("Blocked for the website");
        // A contributor does not see who it is or what their family said.
        await Assertions.Expect(refused.Locator(".status")).Not.ToContainTextAsync("Mia");
        await picker.GetByLabel("Find by words").FillAsync("garden");
        await picker.Locator(".library li", new() { HasText = "raised beds" }).GetByRole(AriaRole.Checkbox).CheckAsync();
        await picker.GetByLabel("Alt text (what the picture shows").FillAsync("Bean seedlings in pots");
        await picker.GetByLabel("Pictures to upload").SetInputFilesAsync(new FilePayload
        {
            Name = "IMG_2001.jpg", MimeType = "image/jpeg", Buffer = TestImages.Jpeg(640, 480),
        });
        await Assertions.Expect(picker.GetByRole(AriaRole.Status).First).ToContainTextAsync("Uploaded.");
        var uploaded = picker.Locator(".library li", new() { HasText = "Bean seedlings in pots" });
        await Assertions.Expect(uploaded.Locator(".status")).ToContainTextAsync("unreviewed");
        await contributor.CheckAtBothWidthsAsync("editor-picture-picker");
        await picker.GetByRole(AriaRole.Button, new() { Name = "Add the ticked pictures" }).ClickAsync();

        var chosen = page.Locator("fieldset[data-pictures] .chosen li");
        await Assertions.Expect(chosen).ToHaveCountAsync(3);
        await chosen.Filter(new() { HasText = "Bean seedlings" }).GetByRole(AriaRole.Button, new() { Name = "Remove" }).ClickAsync();
        await Assertions.Expect(chosen).ToHaveCountAsync(2);
        // Reordered with the keyboard: the garden picture first.
        var down = chosen.First.GetByRole(AriaRole.Button, new() { Name = "Move down" });
        await down.FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(chosen.First).ToContainTextAsync("raised beds");
        await contributor.CheckAtBothWidthsAsync("editor-article");

        await page.GetByRole(AriaRole.Button, new() { Name = "Save draft" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Saved as a draft: it is not on the website until it is published.");
        await Assertions.Expect(page.Locator("section.checks")).ToContainTextAsync("is cleared");
        await page.GetByRole(AriaRole.Link, new() { Name = "Review and submit (it is a draft)" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for checking" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Submitted for checking");
        contributor.AssertNoConsoleErrors();

        var editor = await StrictPage.OpenAsync(fixture);
        await editor.SignInAsync("demo", "erin@demo.example", StaffPassword);
        await editor.Page.GotoAsync("/demo/admin/tasks");
        await editor.Page.GetByRole(AriaRole.Link, new() { Name = "Rockets and raised beds" }).First.ClickAsync();
        await editor.Page.GetByRole(AriaRole.Button, new() { Name = "Checked: send for sign-off" }).ClickAsync();
        await Assertions.Expect(editor.Page.GetByRole(AriaRole.Status).First).ToContainTextAsync("waits for a senior leader");

        var leader = await StrictPage.OpenAsync(fixture);
        await leader.SignInAsync("demo", "lewis@demo.example", StaffPassword);
        await leader.Page.GotoAsync("/demo/admin/tasks");
        await leader.Page.GetByRole(AriaRole.Link, new() { Name = "Rockets and raised beds" }).First.ClickAsync();
        await leader.Page.GetByRole(AriaRole.Button, new() { Name = "Sign off" }).ClickAsync();
        // The sign-off publishes at once: there is no separate Publish click.
        await Assertions.Expect(leader.Page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Signed off and published: it is now on the school's website.");

        var visitor = await StrictPage.OpenAsync(fixture);
        await visitor.Page.GotoAsync("/demo/news");
        await visitor.Page.GetByRole(AriaRole.Link, new() { Name = "Rockets and raised beds" }).ClickAsync();
        var main = visitor.Page.Locator("main");
        await Assertions.Expect(main.Locator("h3")).ToHaveTextAsync("What we did");
        await Assertions.Expect(main.Locator("strong")).ToHaveTextAsync("paper rockets");
        await Assertions.Expect(main.Locator(".body ul > li")).ToHaveTextAsync(["Rockets flew 20 metres", "Beans and peas went in"]);
        await Assertions.Expect(main.GetByRole(AriaRole.Link, new() { Name = "our school" })).ToHaveAttributeAsync("href", "/demo/about");
        var pictures = main.GetByRole(AriaRole.Img);
        await Assertions.Expect(pictures).ToHaveCountAsync(2);
        await Assertions.Expect(pictures.First).ToHaveAttributeAsync("alt", "The new raised beds in the school garden");
        await visitor.CheckAtBothWidthsAsync("editor-article-published");
        foreach (var person in new[] { head, contributor, editor, leader })
        {
            person.AssertNoConsoleErrors();
        }
    }

    [Fact]
    public async Task An_admin_adds_a_menu_entry_by_picking_a_page_and_moves_it_with_the_keyboard()
    {
        // The school without review, where an administrator's Publish is the last step (the demo school reviews every change).
        var admin = await StrictPage.OpenAsync(fixture);
        var page = admin.Page;
        await admin.SignInAsync("plain", BrowserFixture.HeadEmail, BrowserFixture.HeadPassword);
        await page.GotoAsync("/plain/admin/content?type=Menu");
        await page.GetByRole(AriaRole.Link, new() { Name = "Main menu" }).ClickAsync();
        var entries = page.Locator(".menu-editor > .menu-entries > .menu-entry");
        await Assertions.Expect(entries).ToHaveCountAsync(5);
        await Assertions.Expect(entries.First.Locator(".target")).ToContainTextAsync("About our school");

        await page.GetByRole(AriaRole.Button, new() { Name = "Add a page…" }).ClickAsync();
        var dialog = page.GetByRole(AriaRole.Dialog);
        await dialog.GetByLabel("Find a page by its title").FillAsync("privacy");
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Privacy notice" }).ClickAsync();
        await Assertions.Expect(entries).ToHaveCountAsync(6);
        var added = entries.Last;
        await Assertions.Expect(added.GetByLabel("Words in the menu")).ToBeFocusedAsync();
        await added.GetByLabel("Words in the menu").FillAsync("Privacy");

        // Keyboard only: up two places, then under the link above ("Events").
        await page.Keyboard.PressAsync("Tab");
        await Assertions.Expect(added.GetByRole(AriaRole.Button, new() { Name = "Move up" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(entries.Nth(4).GetByLabel("Words in the menu")).ToHaveValueAsync("Privacy");
        await entries.Nth(4).GetByRole(AriaRole.Button, new() { Name = "Move up" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(entries.Nth(3).GetByLabel("Words in the menu")).ToHaveValueAsync("Privacy");
        await entries.Nth(3).GetByRole(AriaRole.Button, new() { Name = "Put under the link above" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(entries).ToHaveCountAsync(5);
        await Assertions.Expect(entries.Nth(2).Locator(".menu-entries .menu-entry").GetByLabel("Words in the menu")).ToHaveValueAsync("Privacy");
        await admin.CheckAtBothWidthsAsync("editor-menu");

        await page.GetByRole(AriaRole.Button, new() { Name = "Publish", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Published: it is now on the school's website.");

        var visitor = await StrictPage.OpenAsync(fixture);
        await visitor.Page.GotoAsync("/plain/");
        var events = visitor.Page.Locator("nav.site-nav li", new() { Has = visitor.Page.GetByRole(AriaRole.Link, new() { Name = "Events", Exact = true }) });
        await Assertions.Expect(events.GetByRole(AriaRole.Link, new() { Name = "Privacy" })).ToHaveAttributeAsync("href", "/plain/privacy-notice");
        admin.AssertNoConsoleErrors();
        visitor.AssertNoConsoleErrors();
    }

    [Theory]
    [InlineData(375)]
    [InlineData(1280)]
    public async Task The_editor_pages_pass_axe_keep_the_CSP_and_fit_the_width(int width)
    {
        var head = await StrictPage.OpenAsync(fixture, width);
        var page = head.Page;
        await head.SignInAsync("demo", BrowserFixture.HeadEmail, BrowserFixture.HeadPassword);

        await page.GotoAsync("/demo/admin/content/new/NewsArticle");
        await Assertions.Expect(page.GetByRole(AriaRole.Toolbar, new() { Name = "Formatting for Text" })).ToBeVisibleAsync();
        await head.CheckAsync("editor-new-article");

        await page.GetByRole(AriaRole.Button, new() { Name = "Link…" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog).GetByRole(AriaRole.Button, new() { Name = "About our school" })).ToBeVisibleAsync();
        await head.CheckAsync("editor-link-dialog");
        await page.Keyboard.PressAsync("Escape");

        await page.GetByRole(AriaRole.Button, new() { Name = "Choose pictures…" }).ClickAsync();
        var refused = page.GetByRole(AriaRole.Dialog).Locator(".library li", new() { HasText = "reading corner" });
        // The headteacher may see who: the refusal names the pupil.
        await Assertions.Expect(refused.Locator(".status")).ToContainTextAsync("Mia's family has said no");
        // The library itself is in sight when the picker opens, on a phone too (uploading is a tap away there).
        await Assertions.Expect(page.GetByRole(AriaRole.Dialog).Locator(".library li").First).ToBeInViewportAsync();
        await head.CheckAsync("editor-picker");
        await page.Keyboard.PressAsync("Escape");

        await page.GotoAsync("/demo/admin/content/mainmenu");
        await Assertions.Expect(page.Locator(".menu-entry").First).ToBeVisibleAsync();
        await head.CheckAsync("editor-menu-editor");

        await page.GotoAsync("/demo/admin/content/pageabout");
        await Assertions.Expect(page.Locator(".rich-text .area")).ToContainTextAsync("");
        await head.CheckAsync("editor-page");
        await page.GetByRole(AriaRole.Link, new() { Name = "Delete…" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Delete “About our school”?");
        await head.CheckAsync("editor-confirm-delete");
        await page.GetByRole(AriaRole.Link, new() { Name = "Cancel and go back" }).ClickAsync();
        await page.GetByRole(AriaRole.Link, new() { Name = "Unpublish…" }).ClickAsync();
        await head.CheckAsync("editor-confirm-unpublish");
    }
}
