using System.Text;
using System.Text.Encodings.Web;
using SchoolSite.Core.Hosting;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Web.Endpoints;

/// <summary>
/// The trust's home page, which lists its schools (a school's home page is its theme's), and the
/// catch-all 404, so unknown addresses are answered as "not found" rather than with a sign-in page.
/// </summary>
public static class HomeEndpoints
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/", (HttpContext http, TenantRegistry registry) => Results.Content(TrustHome(http, registry), "text/html; charset=utf-8"))
            .WithMetadata(new HostOnlyAttribute(), new NoSchoolContentAttribute("the trust's list of its schools"))
            .AllowAnonymous();

        endpoints.MapFallback("{*path}", (HttpContext http) =>
            PlainPage.WriteAsync(http, StatusCodes.Status404NotFound, "Page not found", "There is no page at this address."))
            .WithMetadata(new NoSchoolContentAttribute("a not-found page"))
            .AllowAnonymous();
    }

    private static string TrustHome(HttpContext http, TenantRegistry registry)
    {
        var e = HtmlEncoder.Default;
        var list = new StringBuilder();
        foreach (var school in registry.Schools.Where(s => s.State == TenantState.Running).OrderBy(s => s.DisplayName))
        {
            var url = school.Hosts.Count > 0 ? $"{http.Request.Scheme}://{school.Hosts[0]}{school.PathBase}/" : $"{http.Request.PathBase}{school.PathBase}/";
            list.Append($"<li><a href=\"{e.Encode(url)}\">{e.Encode(school.DisplayName)}</a></li>");
        }
        var schools = list.Length > 0 ? $"<ul class=\"school-list\">{list}</ul>" : "<p>No school sites are open yet.</p>";
        var dashboard = e.Encode(http.Request.PathBase + "/admin");
        return Page(http, "Our schools",
            $"<h1>Our schools</h1><p>Choose a school to visit its website.</p>{schools}"
            + $"<footer class=\"trust\"><p>Staff of the trust: <a href=\"{dashboard}\">sign in to the trust dashboard</a>.</p></footer>");
    }

    // Drawn with the admin's stylesheet (the site's own address, as the Content-Security-Policy requires: no inline style).
    private static string Page(HttpContext http, string title, string body)
    {
        var e = HtmlEncoder.Default;
        var home = e.Encode(http.Request.PathBase + "/");
        return "<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
            + $"<title>{e.Encode(title)}</title><meta name=\"description\" content=\"The schools of the trust and their websites.\">"
            + $"<link rel=\"stylesheet\" href=\"{e.Encode(http.Request.PathBase + "/assets/admin.css")}\"></head>"
            + $"<body><a class=\"skip\" href=\"#main\">Skip to main content</a><header class=\"admin\"><a class=\"site\" href=\"{home}\">{e.Encode(title)}</a></header>"
            + $"<main id=\"main\" class=\"trust-home\" tabindex=\"-1\">{body}</main></body></html>";
    }
}
