using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;

namespace SchoolSite.Contents.Handlers;

/// <summary>Rich text is sanitised when it is saved, so nothing unsafe is ever stored or served.</summary>
public sealed class HtmlBodyPartHandler(HtmlBodySanitizer sanitizer) : IContentHandler
{
    public int Order => -90;

    public Task UpdatingAsync(UpdateContentContext context)
    {
        if (context.Type.Has(KnownParts.HtmlBody))
        {
            var part = context.Item.Part(KnownParts.HtmlBody);
            part["Html"] = sanitizer.Sanitize(context.Item.Text(KnownParts.HtmlBody, "Html"));
        }
        return Task.CompletedTask;
    }
}
