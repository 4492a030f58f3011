using Fluid;
using SchoolSite.Site.Models;

namespace SchoolSite.Site.Services;

/// <summary>
/// How every template (a theme's or a school's own) is parsed and the limits it runs under, so a bad
/// template cannot hang or flood the site: Fluid's step and recursion limits, bounded ranges, and a cap
/// on output. Templates see only the view models registered here.
/// </summary>
public sealed class ThemeTemplates
{
    public const int MaxSteps = 100_000;
    public const int MaxRecursion = 30;
    public const int MaxOutputCharacters = 2_000_000;

    /// <summary>The templates a theme provides (a theme may leave some out: the built-in ones are used).</summary>
    public static readonly IReadOnlyList<string> Names = ["Layout", "Home", "Page", "NewsArticle", "Event", "ListPage", "NotFound", "PolicyPage", "ContactPage"];

    private readonly FluidParser _parser = new();

    public ThemeTemplates()
    {
        Options = new TemplateOptions { MaxSteps = MaxSteps, MaxRecursion = MaxRecursion };
        Options.MemberAccessStrategy.Register<SiteView>();
        Options.MemberAccessStrategy.Register<LinkView>();
        Options.MemberAccessStrategy.Register<PageView>();
        Options.MemberAccessStrategy.Register<ItemView>();
        Options.MemberAccessStrategy.Register<PictureView>();
        Options.MemberAccessStrategy.Register<ListView>();
    }

    public TemplateOptions Options { get; }

    /// <summary>Parses a template; the error, if any, says where (Fluid reports line and column).</summary>
    public bool TryParse(string source, out IFluidTemplate? template, out string? error)
    {
        if (_parser.TryParse(source, out var parsed, out var message))
        {
            template = new BoundedRanges().VisitTemplate(parsed);
            error = null;
            return true;
        }
        template = null;
        error = message;
        return false;
    }
}
