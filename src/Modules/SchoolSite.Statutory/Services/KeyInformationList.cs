using Microsoft.AspNetCore.Http;
using SchoolSite.Contents.Models;
using SchoolSite.Site.Models;
using SchoolSite.Site.Services;

namespace SchoolSite.Statutory.Services;

/// <summary>
/// The public Key information page: every item the school must publish that something published meets, with its link,
/// in the trust's order. Missing items are not shown to the public, and neither is a page the public may not see (a
/// staff-only policy).
/// </summary>
public sealed class KeyInformationList(Checklist checklist, PublicationPolicy policy) : IPublicListSource
{
    public const string Type = "KeyInformation";

    public string ContentType => Type;

    public async Task<ListView> ListAsync(ContentItem item, HttpContext http)
    {
        var report = await checklist.ReportAsync();
        var restricted = await policy.RestrictedAsync();
        var items = new List<ItemView>();
        foreach (var row in report.Rows.Where(r => r.State != RequirementState.Missing))
        {
            var shown = row.Evidence.FirstOrDefault(e => e.Published && (e.ContentItemId is null || !restricted.Contains(e.ContentItemId)));
            if (shown is null)
            {
                continue;
            }
            items.Add(new ItemView
            {
                Id = row.Requirement.Key, Type = Type, Title = row.Requirement.Title, Url = shown.Url,
                Summary = shown.Outside ? $"{shown.Title} (on another website)" : string.Equals(shown.Title, row.Requirement.Title, StringComparison.OrdinalIgnoreCase) ? null : shown.Title,
            });
        }
        return new ListView { Items = items };
    }
}
