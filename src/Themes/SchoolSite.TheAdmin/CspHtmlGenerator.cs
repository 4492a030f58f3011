using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.Rendering;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;

namespace SchoolSite.TheAdmin;

/// <summary>
/// ASP.NET Core's HTML generator, except that an empty validation summary carries no inline style. The framework
/// writes <c>&lt;li style="display:none"&gt;</c> into a summary with nothing to say, which the site's
/// Content-Security-Policy (<c>style-src 'self'</c>) refuses and the browser reports on every form; admin.css hides
/// an empty summary instead.
/// </summary>
public sealed class CspHtmlGenerator(IAntiforgery antiforgery, IOptions<MvcViewOptions> options, IModelMetadataProvider metadata,
    IUrlHelperFactory urls, HtmlEncoder encoder, ValidationHtmlAttributeProvider validation)
    : DefaultHtmlGenerator(antiforgery, options, metadata, urls, encoder, validation)
{
    public override TagBuilder? GenerateValidationSummary(ViewContext viewContext, bool excludePropertyErrors, string? message, string? headerTag,
        object? htmlAttributes)
    {
        var summary = base.GenerateValidationSummary(viewContext, excludePropertyErrors, message, headerTag, htmlAttributes);
        if (summary is null || !summary.Attributes.TryGetValue("class", out var classes) || classes?.Contains(HtmlHelper.ValidationSummaryValidCssClassName) != true)
        {
            return summary;
        }
        var empty = new TagBuilder(summary.TagName);
        empty.MergeAttributes(summary.Attributes);
        return empty;
    }
}
