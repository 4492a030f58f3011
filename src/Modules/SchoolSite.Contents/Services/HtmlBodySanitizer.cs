using Ganss.Xss;

namespace SchoolSite.Contents.Services;

/// <summary>
/// What editors may put in rich text: headings, paragraphs, lists, links, tables and images stay;
/// scripts, event handlers, javascript: URLs, frames, forms and inline styles (which can hide content
/// from some readers and not others) go.
/// </summary>
public sealed class HtmlBodySanitizer
{
    private readonly HtmlSanitizer _sanitizer;

    public HtmlBodySanitizer()
    {
        _sanitizer = new HtmlSanitizer();
        _sanitizer.AllowedAttributes.Remove("style");
        _sanitizer.AllowedAttributes.Remove("hidden");
        _sanitizer.AllowedTags.Remove("form");
        _sanitizer.AllowedTags.Remove("input");
        _sanitizer.AllowedTags.Remove("button");
        _sanitizer.AllowedTags.Remove("select");
        _sanitizer.AllowedTags.Remove("textarea");
        _sanitizer.AllowedSchemes.Clear();
        foreach (var scheme in new[] { "http", "https", "mailto", "tel" })
        {
            _sanitizer.AllowedSchemes.Add(scheme);
        }
    }

    public string Sanitize(string? html) => string.IsNullOrWhiteSpace(html) ? string.Empty : _sanitizer.Sanitize(html);
}
