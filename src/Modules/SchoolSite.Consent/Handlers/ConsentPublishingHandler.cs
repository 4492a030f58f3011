using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Media.Services;

namespace SchoolSite.Consent.Handlers;

/// <summary>
/// The publish gate: an item is not published while any picture in its consent media fields, or placed
/// in its body, is unreviewed, has no alt text, or shows someone not cleared for the purpose right now.
/// It runs in the one publish path, so the admin, the API, recipes and the scheduler all meet it.
/// </summary>
public sealed class ConsentPublishingHandler(MediaPictures pictures) : IContentHandler
{
    public int Order => 100;

    public async Task PublishingAsync(PublishContentContext context)
    {
        var reasons = new List<string>();
        foreach (var (label, id, purpose, _) in ContentPictures.In(context.Item, context.Definitions, context.Type))
        {
            var status = await pictures.StatusAsync(id, purpose);
            reasons.AddRange(status.Reasons.Select(r => $"{label}: {r}"));
        }
        foreach (var reason in reasons.Distinct())
        {
            context.Veto(reason);
        }
    }
}
