using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Consent.Services;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;

namespace SchoolSite.Consent.Pages.Admin;

/// <summary>
/// The school's standing takedown list: every copy of a picture outside the website that is still to be taken down
/// after a family said no, until someone marks it done (with who and when). Marking needs the consent permission.
/// </summary>
[SchoolOnly]
[Feature(Manifest.ConsentFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ViewPeople)]
public sealed class TakedownModel(Takedown takedown, ConsentDbContext db, IAuthorizationService authorization) : PageModel
{
    [BindProperty] public string? TaskId { get; set; }
    [BindProperty, MaxLength(TextLimits.Note)] public string? Note { get; set; }

    public IReadOnlyList<TakedownTask> Open { get; private set; } = [];
    public IReadOnlyDictionary<string, Person> People { get; private set; } = new Dictionary<string, Person>();
    public bool CanMark { get; private set; }
    public string? Message { get; private set; }

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostDoneAsync()
    {
        await LoadAsync();
        if (!CanMark)
        {
            return Forbid();
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var task = await takedown.MarkDoneAsync(TaskId ?? string.Empty, Actor.Of(User).Name, Note);
        if (task is null)
        {
            return NotFound();
        }
        Message = $"Marked done: {task.Place} ('{task.ItemTitle}').";
        Note = null;
        ModelState.Clear();
        await LoadAsync();
        return Page();
    }

    private async Task LoadAsync()
    {
        Open = await takedown.OpenTasksAsync();
        var ids = Open.Select(t => t.PersonId).Distinct().ToList();
        People = await db.People.AsNoTracking().Where(p => ids.Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        CanMark = (await authorization.AuthorizeAsync(User, PermissionRequirement.Policy(Permissions.ManageConsent))).Succeeded;
    }
}
