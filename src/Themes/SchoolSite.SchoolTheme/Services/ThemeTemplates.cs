using System.Collections.Frozen;
using Fluid;
using SchoolSite.SchoolTheme.Models;

namespace SchoolSite.SchoolTheme.Services;

/// <summary>
/// The theme's Liquid templates, parsed once for the whole installation, and the limits every template
/// (built-in or a school's own) runs under, so a bad template cannot hang or flood the site: Fluid's
/// step and recursion limits, bounded ranges, and a cap on output.
/// </summary>
public sealed class ThemeTemplates
{
    public const int MaxSteps = 100_000;
    public const int MaxRecursion = 30;
    public const int MaxOutputCharacters = 2_000_000;

    public static readonly IReadOnlyList<string> Names = ["Layout", "Home", "Page", "NewsArticle", "Event", "ListPage", "NotFound", "PolicyPage"];

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
        BuiltIn = Names.ToFrozenDictionary(n => n, n => Parse(Source(n)) ?? throw new InvalidOperationException($"The built-in template {n} does not parse."));
    }

    public TemplateOptions Options { get; }

    public FrozenDictionary<string, IFluidTemplate> BuiltIn { get; }

    /// <summary>The text of a built-in template, for schools to start their own version from.</summary>
    public static string Source(string name)
    {
        using var stream = typeof(ThemeTemplates).Assembly.GetManifestResourceStream($"SchoolSite.SchoolTheme.Templates.{name}.liquid")
            ?? throw new InvalidOperationException($"There is no built-in template {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

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

    private IFluidTemplate? Parse(string source) => TryParse(source, out var template, out _) ? template : null;
}
