using Microsoft.AspNetCore.Http;
using SchoolSite.Contents.Models;
using SchoolSite.Site.Models;

namespace SchoolSite.Site.Services;

/// <summary>
/// A page of a content type whose list a module makes itself (the Key information page lists what the school must
/// publish, each with its link). Rendered with the theme's list template, and worked out on each request, never cached.
/// </summary>
public interface IPublicListSource
{
    string ContentType { get; }

    Task<ListView> ListAsync(ContentItem item, HttpContext http);
}
