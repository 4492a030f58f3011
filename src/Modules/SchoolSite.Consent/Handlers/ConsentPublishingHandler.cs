using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Security;
using SchoolSite.Media.Models;

namespace SchoolSite.Consent.Handlers;

/// <summary>
/// The publish gate: an item is not published while any picture in its consent media fields is
/// unreviewed, has no alt text, or shows someone not cleared for the field's purpose right now. It runs
/// in the one publish path, so the admin, the API, recipes and the scheduler all meet it.
/// </summary>
public sealed class ConsentPublishingHandler(MediaDbContext media, IPictureClearance gate) : IContentHandler
{
    public async Task PublishingAsync(PublishContentContext context)
    {
        foreach (var (part, field) in context.Definitions.FieldsOf(context.Type).Where(f => f.Field.FieldName == KnownFields.ConsentMedia))
        {
            var purpose = field.Settings["Purpose"]?.GetValue<string>() ?? "website";
            var ids = (context.Item.Content[part.Name]?[field.Name]?["MediaIds"] as JsonArray ?? [])
                .Select(i => i?.GetValue<string>() ?? string.Empty).Where(i => i.Length > 0).Distinct().ToList();
            var items = await media.Items.AsNoTracking().Where(m => ids.Contains(m.Id)).ToDictionaryAsync(m => m.Id);
            foreach (var id in ids)
            {
                if (!items.TryGetValue(id, out var picture))
                {
                    context.Veto($"{field.DisplayName}: the picture {id} is not in the media library.");
                    continue;
                }
                var name = picture.AltText ?? picture.Caption ?? $"picture {id}";
                if (picture.IsUnreviewed)
                {
                    context.Veto($"{field.DisplayName}: '{name}' is unreviewed. Say who is in it, or that nobody can be identified.");
                }
                if (string.IsNullOrWhiteSpace(picture.AltText))
                {
                    context.Veto($"{field.DisplayName}: picture {id} has no alt text.");
                }
                if (picture.People.Count > 0)
                {
                    var decision = await gate.DecideAsync(picture.People, purpose);
                    foreach (var reason in decision.Reasons)
                    {
                        context.Veto($"{field.DisplayName}: '{name}': {reason}");
                    }
                }
            }
        }
    }
}
