namespace SchoolSite.Site.Models;

// What templates see. Plain classes: Fluid reads only the members registered in ThemeTemplates.

public sealed class SiteView
{
    public required string Name { get; init; }
    public required string BasePath { get; init; }
    /// <summary>The logo's address (kept for schools' own templates); <see cref="Logo"/> has its size and srcset too.</summary>
    public string? LogoUrl { get; init; }
    public PictureView? Logo { get; init; }
    public string? Address { get; init; }
    public string? Phone { get; init; }
    public string? Email { get; init; }
    public IReadOnlyList<LinkView> Menu { get; init; } = [];
    public string StyleVersion { get; init; } = "1";

    /// <summary>The school's online safety page, when it has one published (linked from every page's footer).</summary>
    public string? OnlineSafetyUrl { get; init; }

    /// <summary>The designated safeguarding lead and how to reach them, from the school's settings.</summary>
    public string? SafeguardingLead { get; init; }
    public string? SafeguardingContact { get; init; }
}

public sealed class LinkView
{
    public required string Text { get; init; }
    public required string Url { get; init; }
    public IReadOnlyList<LinkView> Children { get; init; } = [];

    /// <summary>For aria-current: "page" on the link to this very page, "true" on the link to the section it is in, else null.</summary>
    public string? Current { get; init; }
}

public sealed class PageView
{
    public required string Title { get; init; }
    public string? CanonicalUrl { get; init; }

    /// <summary>For &lt;meta name="description"&gt;: the item's summary or its first sentence, plain text of at most 160 characters.</summary>
    public string? Description { get; init; }
}

public sealed class ItemView
{
    public required string Id { get; init; }
    public required string Type { get; init; }
    public required string Title { get; init; }
    public required string Url { get; init; }
    public string Html { get; init; } = string.Empty;
    public string? Summary { get; init; }

    /// <summary>The summary, else the first sentence of the text: plain, at most 160 characters.</summary>
    public string? Description { get; init; }
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

    /// <summary>The pixel size of the file at <see cref="ThumbnailUrl"/>, so the page keeps its place while the picture loads.</summary>
    public int Width { get; init; }
    public int Height { get; init; }

    /// <summary>Its renditions for the browser to choose from ("…/thumbnail 320w, …/medium 800w, …/large 1600w"), and how wide it is drawn.</summary>
    public string? Srcset { get; init; }
    public string? Sizes { get; init; }
}

public sealed class ListView
{
    public IReadOnlyList<ItemView> Items { get; init; } = [];
    public int Page { get; init; } = 1;
    public int Pages { get; init; } = 1;
    public string? PreviousUrl { get; init; }
    public string? NextUrl { get; init; }
}
