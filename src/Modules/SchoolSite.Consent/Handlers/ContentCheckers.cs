using SchoolSite.Consent.Services;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Services;

namespace SchoolSite.Consent.Handlers;

/// <summary>Each picture's standing for the purpose it is published under: cleared, lapsing within 30 days, or blocked and why.</summary>
public sealed class PictureChecker(MediaPictures pictures, TimeProvider time) : IContentChecker
{
    public static readonly TimeSpan LapseWarning = TimeSpan.FromDays(30);

    public async Task<IReadOnlyList<ContentCheck>> CheckAsync(ContentItem item, ContentTypeDefinition type, ContentDefinitionSet definitions)
    {
        var checks = new List<ContentCheck>();
        foreach (var picture in ContentPictures.In(item, definitions, type).DistinctBy(p => (p.MediaId, p.Purpose)))
        {
            var status = await pictures.StatusAsync(picture.MediaId, picture.Purpose);
            var name = status.Item?.Name ?? picture.MediaId;
            var area = $"{picture.Label} ({picture.Purpose})";
            if (!status.Shown)
            {
                // Each reason names the picture already.
                var why = status.Reasons.Count > 0 ? string.Join(" ", status.Reasons) : $"'{name}' may not be shown.";
                checks.Add(new ContentCheck(area, CheckSeverity.Blocked, why, picture.MediaId, picture.MediaId));
            }
            else if (status.Lapses is { } lapses && lapses - time.GetUtcNow() <= LapseWarning)
            {
                checks.Add(new ContentCheck(area, CheckSeverity.Lapsing,
                    $"'{name}' is cleared, but the consent it rests on lapses at the end of the school year ({lapses:d MMMM yyyy}).", picture.MediaId, picture.MediaId));
            }
            else
            {
                checks.Add(new ContentCheck(area, CheckSeverity.Cleared, $"'{name}' is cleared.", picture.MediaId, picture.MediaId));
            }
        }
        return checks;
    }
}

/// <summary>
/// The privacy check over the item's title, text, captions and alt text. Its findings are warnings for
/// editors and reviewers; where the school's setting says so, they also stop publishing.
/// </summary>
public sealed class PrivacyChecker(PrivacyCheck privacy, MediaPictures pictures, TenantContext tenant) : IContentChecker, IContentHandler
{
    public int Order => 110;

    private bool Blocks => tenant.Shell.Section<ConsentSettings>().PrivacyCheckBlocksPublishing;

    public async Task<IReadOnlyList<ContentCheck>> CheckAsync(ContentItem item, ContentTypeDefinition type, ContentDefinitionSet definitions)
    {
        var severity = Blocks ? CheckSeverity.Blocked : CheckSeverity.Warning;
        var checks = new List<ContentCheck>();
        foreach (var (area, text) in await TextsAsync(item, type, definitions))
        {
            foreach (var finding in await privacy.CheckAsync(text))
            {
                checks.Add(new ContentCheck(area, severity, finding.Message, finding.Match));
            }
        }
        return checks;
    }

    public async Task PublishingAsync(PublishContentContext context)
    {
        if (!Blocks)
        {
            return;
        }
        var findings = await CheckAsync(context.Item, context.Type, context.Definitions);
        foreach (var finding in findings)
        {
            context.Veto($"Privacy check, {finding.Area}: {finding.Message}");
        }
    }

    /// <summary>Every piece of text the item would publish: title, text fields, body, menu entries, and its pictures' captions and alt text.</summary>
    private async Task<List<(string Area, string Text)>> TextsAsync(ContentItem item, ContentTypeDefinition type, ContentDefinitionSet definitions)
    {
        // Every text goes in as stored, HTML or not: the check reads each as a reader sees it.
        var texts = ItemText.Of(item).ToList();
        foreach (var picture in ContentPictures.In(item, definitions, type).DistinctBy(p => p.MediaId))
        {
            if (await pictures.FindAsync(picture.MediaId) is { } media)
            {
                if (media.Caption is { } caption) texts.Add(($"Caption of '{media.Name}'", caption));
                if (media.AltText is { } alt) texts.Add(($"Alt text of '{media.Name}'", alt));
            }
        }
        return texts;
    }
}
