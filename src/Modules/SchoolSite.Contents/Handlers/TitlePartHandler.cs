using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;

namespace SchoolSite.Contents.Handlers;

/// <summary>The title is required and becomes the item's display text.</summary>
public sealed class TitlePartHandler : IContentHandler
{
    // First: the display text and the address are made from the title.
    public int Order => -100;

    public Task UpdatingAsync(UpdateContentContext context)
    {
        if (!context.Type.Has(KnownParts.Title))
        {
            context.Item.DisplayText = context.Type.DisplayName;
            return Task.CompletedTask;
        }
        var title = (context.Item.Text(KnownParts.Title, "Title") ?? string.Empty).Trim();
        if (title.Length == 0)
        {
            context.AddError("TitlePart.Title", "Give it a title.");
        }
        else if (title.Length > 200)
        {
            context.AddError("TitlePart.Title", "The title is longer than 200 characters.");
        }
        context.Item.Part(KnownParts.Title)["Title"] = title;
        context.Item.DisplayText = title;
        return Task.CompletedTask;
    }
}
