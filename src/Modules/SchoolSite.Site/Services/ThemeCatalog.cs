using System.Collections.Frozen;
using System.Text.Json;
using Fluid;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace SchoolSite.Site.Services;

/// <summary>A public theme: parsed templates, their source (for schools to start their own from) and a stylesheet.</summary>
public sealed record Theme(string Name, string DisplayName, string? Description,
    FrozenDictionary<string, IFluidTemplate> Templates, FrozenDictionary<string, string> Sources, string? Stylesheet);

/// <summary>
/// The installed public themes, read once at start: the built-in school theme, and every folder under
/// <c>SchoolSite:ThemesPath</c> (default <c>themes</c> next to the application) with a <c>Theme.json</c>.
/// A theme is Liquid templates, a stylesheet and that file; whatever it leaves out comes from the built-in
/// theme. A template that does not parse is left out (and logged), so the site still renders.
/// </summary>
public sealed class ThemeCatalog
{
    public const string DefaultTheme = "SchoolSite.SchoolTheme";

    private readonly FrozenDictionary<string, Theme> _themes;

    public ThemeCatalog(ThemeTemplates templates, IConfiguration configuration, ILogger<ThemeCatalog> logger)
    {
        Default = BuiltIn(templates);
        var themes = new Dictionary<string, Theme>(StringComparer.Ordinal) { [Default.Name] = Default };
        var folder = Path.GetFullPath(configuration["SchoolSite:ThemesPath"] ?? "themes", AppContext.BaseDirectory);
        if (Directory.Exists(folder))
        {
            foreach (var directory in Directory.EnumerateDirectories(folder).Where(d => File.Exists(Path.Combine(d, "Theme.json"))))
            {
                var theme = FromFolder(directory, templates, logger);
                themes[theme.Name] = theme;
            }
        }
        _themes = themes.ToFrozenDictionary(StringComparer.Ordinal);
    }

    public Theme Default { get; }

    public IReadOnlyCollection<Theme> All => _themes.Values;

    public Theme? Find(string? name) => name is null ? null : _themes.GetValueOrDefault(name);

    /// <summary>The theme's own template, or the built-in one.</summary>
    public IFluidTemplate Template(Theme theme, string name) => theme.Templates.GetValueOrDefault(name) ?? Default.Templates[name];

    public string Source(Theme theme, string name) => theme.Sources.GetValueOrDefault(name) ?? Default.Sources[name];

    public string Stylesheet(Theme theme) => theme.Stylesheet ?? Default.Stylesheet!;

    private static Theme BuiltIn(ThemeTemplates templates)
    {
        var sources = ThemeTemplates.Names.ToFrozenDictionary(n => n, n => Resource($"DefaultTheme.Templates.{n}.liquid"));
        var parsed = sources.ToFrozenDictionary(s => s.Key, s => templates.TryParse(s.Value, out var t, out var error)
            ? t! : throw new InvalidOperationException($"The built-in template {s.Key} does not parse: {error}"));
        var (displayName, description) = Describe(Resource("DefaultTheme.Theme.json"), DefaultTheme);
        return new Theme(DefaultTheme, displayName, description, parsed, sources, Resource("DefaultTheme.Assets.site.css"));
    }

    private static Theme FromFolder(string directory, ThemeTemplates templates, ILogger logger)
    {
        var name = Path.GetFileName(directory);
        var sources = new Dictionary<string, string>();
        var parsed = new Dictionary<string, IFluidTemplate>();
        foreach (var template in ThemeTemplates.Names)
        {
            var file = Path.Combine(directory, "Templates", template + ".liquid");
            if (!File.Exists(file))
            {
                continue;
            }
            var source = File.ReadAllText(file);
            if (templates.TryParse(source, out var fluid, out var error))
            {
                sources[template] = source;
                parsed[template] = fluid!;
            }
            else
            {
                logger.LogWarning("The {Template} template of theme {Theme} does not parse and is not used: {Error}", template, name, error);
            }
        }
        var css = Path.Combine(directory, "Assets", "site.css");
        var (displayName, description) = Describe(File.ReadAllText(Path.Combine(directory, "Theme.json")), name);
        return new Theme(name, displayName, description, parsed.ToFrozenDictionary(), sources.ToFrozenDictionary(),
            File.Exists(css) ? File.ReadAllText(css) : null);
    }

    private static (string DisplayName, string? Description) Describe(string json, string fallback)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return (root.TryGetProperty("displayName", out var d) && d.GetString() is { Length: > 0 } shown ? shown : fallback,
                root.TryGetProperty("description", out var description) ? description.GetString() : null);
        }
        catch (JsonException)
        {
            return (fallback, null);
        }
    }

    private static string Resource(string name)
    {
        using var stream = typeof(ThemeCatalog).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The built-in theme has no {name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
