using SchoolSite.Consent.Services;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Media.Services;

namespace SchoolSite.Workflows.Services;

/// <summary>Whether an item pictures pupils or names someone from the register: such items always get two checks.</summary>
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
        var text = item.DisplayText + " " + PrivacyCheck.TextOf(item.Text(KnownParts.HtmlBody, "Html") ?? string.Empty);
        return (await privacy.CheckAsync(text)).Any(f => f.Kind is "full-name" or "name-and-class") ? "it names a pupil from the register" : null;
    }
}
