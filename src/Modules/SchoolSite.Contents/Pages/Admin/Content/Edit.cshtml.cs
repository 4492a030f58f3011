using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Contents.Pages.Admin.Content;

/// <summary>
/// Creating ("new/{type}") and editing an item, with a form built from its type. Saving and publishing go
/// through <see cref="ContentManager"/> like every other path; what the user typed is kept on any error.
/// Unpublishing and deleting are asked again on pages of their own (<see cref="UnpublishModel"/>, <see cref="DeleteModel"/>).
/// </summary>
[SchoolOnly]
[Feature(Manifest.ContentsFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.AccessAdmin)]
public sealed class EditModel(ContentManager content, ContentDefinitionStore definitions, ContentAuthorization rights, LinkCheck links, TenantContext tenant) : PageModel
{
    public ContentItem? Item { get; private set; }
    public IReadOnlyList<EditorInput> Inputs { get; private set; } = [];
    public int Revision { get; private set; }
    public string Heading { get; private set; } = string.Empty;
    public bool CanPublish { get; private set; }
    public bool CanDelete { get; private set; }
    public bool HasPublishedVersion { get; private set; }
    public string? Message { get; private set; }

    public async Task<IActionResult> OnGetAsync(string id, string? type)
    {
        var loaded = await LoadAsync(id, type);
        if (loaded is not null)
        {
            return loaded;
        }
        Inputs = Form!.Inputs(Item?.Content ?? []);
        Message = (string?)TempData["Message"];
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(string id, string? type, string action, int revision)
    {
        var loaded = await LoadAsync(id, type);
        if (loaded is not null)
        {
            return loaded;
        }
        var parts = Form!.Read(Request.Form);
        if (action == "publish" && !CanPublish)
        {
            return Refuse(parts, "You may not publish this item. Save it as a draft and ask an editor to publish it.");
        }
        var actor = Actor.Of(User);
        var saved = Item is null
            ? await content.CreateAsync(Type!.Name, parts, actor)
            : await content.UpdateAsync(Item.ContentItemId, parts, revision, actor);
        if (!saved.Succeeded)
        {
            return Problems(parts, saved);
        }
        var message = "Saved as a draft.";
        if (action == "publish")
        {
            var published = await content.PublishAsync(saved.Item!.ContentItemId, actor, saved.Item.Revision);
            if (!published.Succeeded)
            {
                TempData["Message"] = "Saved as a draft, but not published: " + published.Describe();
                return Redirect(Url.Content($"~/admin/content/{saved.Item.ContentItemId}"));
            }
            message = "Published.";
        }
        // A warning, not a veto: the page linked to may simply not be published yet.
        var broken = await links.CheckAsync(LinkCheck.In(saved.Item!, Type!, await definitions.GetAsync()));
        if (broken.Count > 0)
        {
            message += broken.Count == 1
                ? " One link goes to an address with no page: see the checks below."
                : $" {broken.Count} links go to addresses with no page: see the checks below.";
        }
        TempData["Message"] = message;
        return Redirect(Url.Content($"~/admin/content/{saved.Item!.ContentItemId}"));
    }

    private ContentTypeDefinition? Type { get; set; }
    private ContentEditorForm? Form { get; set; }

    private async Task<IActionResult?> LoadAsync(string id, string? typeName)
    {
        var set = await definitions.GetAsync();
        if (id == "new")
        {
            Type = set.Type(typeName ?? string.Empty);
            if (Type is null || !Type.Settings.Creatable)
            {
                return NotFound();
            }
            if (!await rights.CanAsync(User, ContentAction.Edit, null))
            {
                return Forbid();
            }
            Heading = "New " + Type.DisplayName.ToLowerInvariant();
        }
        else
        {
            Item = await content.GetAsync(id, VersionOption.Latest);
            Type = Item is null ? null : set.Type(Item.ContentType);
            if (Item is null || Type is null)
            {
                return NotFound();
            }
            if (!await rights.CanAsync(User, ContentAction.Edit, Item))
            {
                return Forbid();
            }
            Heading = Item.DisplayText;
            Revision = Item.Revision;
            HasPublishedVersion = Item.Published || await content.GetAsync(id, VersionOption.Published) is not null;
            CanDelete = await rights.CanAsync(User, ContentAction.Delete, Item);
        }
        CanPublish = await rights.CanAsync(User, ContentAction.Publish, Item);
        Form = new ContentEditorForm(Type, set, TimeZoneInfo.FindSystemTimeZoneById(tenant.Shell.Settings.TimeZone));
        return null;
    }

    private IActionResult Refuse(JsonObject parts, string message)
    {
        Inputs = Form!.Inputs(parts);
        ModelState.AddModelError(string.Empty, message);
        return new PageResult { StatusCode = StatusCodes.Status403Forbidden };
    }

    private IActionResult Problems(JsonObject parts, Services.ContentResult result)
    {
        Inputs = Form!.Inputs(parts);
        foreach (var (field, messages) in result.Errors)
        {
            foreach (var message in messages)
            {
                ModelState.AddModelError(field, message);
            }
        }
        return new PageResult { StatusCode = result.Outcome == ContentOutcome.Conflict ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest };
    }
}
