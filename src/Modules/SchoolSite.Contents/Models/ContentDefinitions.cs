using System.Text.Json.Nodes;

namespace SchoolSite.Contents.Models;

/// <summary>Orchard's content type settings.</summary>
public sealed record ContentTypeSettings
{
    public bool Creatable { get; init; } = true;
    public bool Listable { get; init; } = true;
    public bool Draftable { get; init; } = true;
    public bool Versionable { get; init; } = true;
    public bool Securable { get; init; }
}

/// <summary>A part attached to a type: <see cref="Name"/> is its property name in the item, <see cref="PartName"/> its kind.</summary>
public sealed record ContentTypePartDefinition(string Name, string PartName, JsonObject Settings)
{
    public T? Setting<T>(string group, string key)
        => Settings[group] is JsonObject g && g[key] is JsonNode n ? n.GetValue<T>() : default;
}

public sealed record ContentTypeDefinition(string Name, string DisplayName, ContentTypeSettings Settings, IReadOnlyList<ContentTypePartDefinition> Parts)
{
    public bool Has(string partName) => Parts.Any(p => p.PartName == partName);

    public ContentTypePartDefinition? Part(string partName) => Parts.FirstOrDefault(p => p.PartName == partName);
}

/// <summary>A field on a part: <see cref="FieldName"/> is its kind (TextField, HtmlField…).</summary>
public sealed record ContentPartFieldDefinition(string Name, string FieldName, string DisplayName, JsonObject Settings)
{
    /// <summary>For the school's staff only (a policy owner's e-mail): never on the public site or in the public content API.</summary>
    public bool IsStaffOnly => Settings["StaffOnly"] is JsonValue value && value.TryGetValue<bool>(out var staffOnly) && staffOnly;
}

public sealed record ContentPartDefinition(string Name, IReadOnlyList<ContentPartFieldDefinition> Fields);

/// <summary>All of a tenant's content definitions, as one immutable snapshot.</summary>
public sealed record ContentDefinitionSet(IReadOnlyList<ContentTypeDefinition> Types, IReadOnlyList<ContentPartDefinition> Parts)
{
    public static readonly ContentDefinitionSet Empty = new([], []);

    public ContentTypeDefinition? Type(string name) => Types.FirstOrDefault(t => t.Name == name);

    public ContentPartDefinition? PartDefinition(string name) => Parts.FirstOrDefault(p => p.Name == name);

    /// <summary>The fields of a type: those on its own part(s) that have a definition.</summary>
    public IEnumerable<(ContentTypePartDefinition Part, ContentPartFieldDefinition Field)> FieldsOf(ContentTypeDefinition type)
        => type.Parts.SelectMany(p => (PartDefinition(p.PartName)?.Fields ?? []).Select(f => (p, f)));
}

/// <summary>The parts SchoolSite knows how to edit, store and render.</summary>
public static class KnownParts
{
    public const string Title = "TitlePart";
    public const string Autoroute = "AutoroutePart";
    public const string HtmlBody = "HtmlBodyPart";
    public const string List = "ListPart";
    public const string Menu = "MenuPart";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Title, Autoroute, HtmlBody, List, Menu };
}

/// <summary>The fields SchoolSite knows, with the property each keeps its value in.</summary>
public static class KnownFields
{
    public const string Text = "TextField";
    public const string Html = "HtmlField";
    public const string Boolean = "BooleanField";
    public const string Date = "DateField";
    public const string DateTime = "DateTimeField";
    public const string Numeric = "NumericField";
    public const string Link = "LinkField";
    public const string ContentPicker = "ContentPickerField";

    /// <summary>Pictures from the media library, published under a consent purpose (setting "Purpose", default "website").</summary>
    public const string ConsentMedia = "ConsentMediaField";

    public static readonly IReadOnlySet<string> All = new HashSet<string> { Text, Html, Boolean, Date, DateTime, Numeric, Link, ContentPicker, ConsentMedia };
}
