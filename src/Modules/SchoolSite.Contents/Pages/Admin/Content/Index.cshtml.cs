using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;

namespace SchoolSite.Contents.Pages.Admin.Content;

[SchoolOnly]
[Feature(Manifest.ContentsFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class IndexModel(ContentManager content, ContentQueries queries, ContentDefinitionStore definitions, ContentAuthorization rights, TimeProvider time) : PageModel
{
    private const int PageSize = 20;

    [BindProperty(SupportsGet = true)] public string? Type { get; set; }
    [BindProperty(SupportsGet = true)] public string Status { get; set; } = "All";
    [BindProperty(SupportsGet = true)] public bool Mine { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<ContentTypeDefinition> Types { get; private set; } = [];
    public IReadOnlyList<ContentTypeDefinition> Creatable { get; private set; } = [];
    public IReadOnlyList<ContentItem> Items { get; private set; } = [];
    public int Total { get; private set; }
    public int Pages { get; private set; } = 1;
    public string? Message { get; private set; }

    public async Task OnGetAsync()
    {
        var set = await definitions.GetAsync();
        Types = set.Types.Where(t => t.Settings.Listable).OrderBy(t => t.DisplayName).ToList();
        Creatable = await rights.CanAsync(User, ContentAction.Edit, null) ? Types.Where(t => t.Settings.Creatable).ToList() : [];
        if (Status == "Deleted")
        {
            var deleted = await queries.DeletedAsync(time.GetUtcNow().UtcDateTime - ContentManager.RestoreWindow, PageNumber, PageSize);
            (Items, Total, Pages) = (deleted.Items, deleted.Total, deleted.Pages);
            return;
        }
        var status = EnumNames.TryParse<ContentStatus>(Status, out var parsed) ? parsed : ContentStatus.All;
        var page = await queries.ListAsync(new ContentQuery(Type, status, Mine ? User.FindFirstValue(ClaimTypes.NameIdentifier) : null, Q, PageNumber, PageSize));
        Items = page.Items;
        Total = page.Total;
        Pages = page.Pages;
    }

    public async Task<IActionResult> OnPostRestoreAsync(string id)
    {
        if (!await rights.CanAsync(User, ContentAction.Delete, null))
        {
            return Forbid();
        }
        var result = await content.RestoreAsync(id, Actor.Of(User));
        Status = "Deleted";
        await OnGetAsync();
        Message = result.Succeeded ? $"'{result.Item!.DisplayText}' is back, as a draft." : result.Describe();
        return Page();
    }
}
