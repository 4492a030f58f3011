using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Security;
using ContentResult = SchoolSite.Contents.Services.ContentResult;

namespace SchoolSite.Contents.Pages.Admin.Content;

/// <summary>
/// A step on an item that asks first, on a page of its own (no script needed): the page says what the step does, and
/// only its button does it. The item must exist and the user must be allowed <paramref name="action"/> on it.
/// </summary>
public abstract class ConfirmedStepModel(ContentManager content, ContentAuthorization rights, ContentAction action) : PageModel
{
    [BindProperty(SupportsGet = true)] public string Id { get; set; } = string.Empty;

    public string Title { get; private set; } = string.Empty;

    protected ContentManager Items => content;

    public async Task<IActionResult> OnGetAsync() => await LoadAsync() ?? Page();

    public async Task<IActionResult> OnPostAsync()
    {
        if (await LoadAsync() is { } refused)
        {
            return refused;
        }
        var result = await TakeAsync(Actor.Of(User));
        if (!result.Succeeded)
        {
            ModelState.AddModelError(string.Empty, result.Describe());
            return new PageResult { StatusCode = StatusCodes.Status409Conflict };
        }
        return Done();
    }

    /// <summary>The step itself, once confirmed.</summary>
    protected abstract Task<ContentResult> TakeAsync(Actor actor);

    /// <summary>Where the user goes once it is done.</summary>
    protected abstract IActionResult Done();

    /// <summary>What the confirmation page needs to know about the item beyond its title.</summary>
    protected virtual Task LoadedAsync(ContentItem item) => Task.CompletedTask;

    private async Task<IActionResult?> LoadAsync()
    {
        var item = await content.GetAsync(Id, VersionOption.Latest);
        if (item is null)
        {
            return NotFound();
        }
        if (!await rights.CanAsync(User, action, item))
        {
            return Forbid();
        }
        Title = item.DisplayText;
        await LoadedAsync(item);
        return null;
    }
}
