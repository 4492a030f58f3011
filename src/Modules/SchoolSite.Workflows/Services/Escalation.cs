using SchoolSite.Consent.Services;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Media.Services;

namespace SchoolSite.Workflows.Services;

/// <summary>
/// Whether an item pictures pupils or names one from the register, in any of its text (title, fields, body, menu
/// entries): such items always get two checks, whatever their type.
/// </summary>
public sealed class Escalation(MediaPictures pictures, PeopleDirectory people, PrivacyCheck privacy, ContentDefinitionStore definitions)
{
    public async Task<string?> ReasonAsync(ContentItem item)
    {
        var set = await definitions.GetAsync();
        var pictured = new HashSet<string>();
        foreach (var picture in ContentPictures.In(item, set, set.Type(item.ContentType)))
        {
            if (await pictures.FindAsync(picture.MediaId) is { } media)
            {
                pictured.UnionWith(media.People);
            }
        }
        if (pictured.Count > 0 && await people.AnyPupilAsync(pictured))
        {
            return "it has pictures of pupils";
        }
        foreach (var (_, text) in ItemText.Of(item))
        {
            if ((await privacy.CheckAsync(text)).Any(f => f.Kind is "full-name" or "name-and-class"))
            {
                return "it names a pupil from the register";
            }
        }
        return null;
    }
}
