namespace SchoolSite.Site.Models;

// What templates see. Plain classes: Fluid reads only the members registered in ThemeTemplates.

public sealed class SiteView
{
    public required string Name { get; init; }
    public required string BasePath { get; init; }
    public string? LogoUrl { get; init; }
    public string? Address { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public IReadOnlyList<LinkView> Menu { get; init; } = [];
    public string StyleVersion { get; init; } = "1";
}

public sealed class LinkView
{
    public required string Text { get; init; }
    public required string Url { get; init; }
    public IReadOnlyList<LinkView> Children { get; init; } = [];
}

public sealed class PageView
{
    public required string Title { get; init; }
    public string? CanonicalUrl { get; init; }
}

public sealed class ItemView
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Title { get; init; }
    public required string Url { get; init; }
    public string Html { get; init; } = string.Empty;
    public string? Summary { get; init; }
    public string? Date { get; init; }
    public string? When { get; init; }
    public string? Location { get; init; }
    public IReadOnlyDictionary<string, object?> Fields { get; init; } = new Dictionary<string, object?>();

    /// <summary>The pictures of its consent media fields that may be shown now (the others are left out).</summary>
    public IReadOnlyList<PictureView> Pictures { get; init; } = [];
}

public sealed class PictureView
{
    public required string Id { get; init; }
    public required string Url { get; init; }
    public required string ThumbnailUrl { get; init; }
    public required string Alt { get; init; }
    public string? Caption { get; init; }
}

public sealed class ListView
{
    public IReadOnlyList<ItemView> Items { get; init; } = [];
    public int Page { get; init; } = 1;
    public int Pages { get; init; } = 1;
    public string? PreviousUrl { get; init; }
    public string? NextUrl { get; init; }
}
