using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using SchoolSite.Consent.Services;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Services;

namespace SchoolSite.Workflows.Services;

public enum ChangeKind { Same, Added, Removed }

/// <summary>A run of words in a field, unchanged, added or removed. A "\n" run is a paragraph break.</summary>
public sealed record TextRun(ChangeKind Kind, string Text);

/// <summary>A picture in a field: added, removed or kept, with the alt text that describes it.</summary>
public sealed record PictureRun(ChangeKind Kind, string MediaId, string Description);

/// <summary>One field as a reviewer reads it: its name as the editor shows it, its words and its pictures.</summary>
public sealed record FieldChange(string Label, bool Changed, IReadOnlyList<TextRun> Text, IReadOnlyList<PictureRun> Pictures);

/// <summary>
/// What changed between the published version and the one under review, field by field with the names the editor
/// uses ("Summary", "Text", "Pictures"), word by word, and pictures as pictures rather than ids. Without a published
/// version every field is shown as it is.
/// </summary>
public sealed partial class ReviewDiff(ContentDefinitionStore definitions, MediaPictures pictures, TenantContext tenant)
{
    public async Task<IReadOnlyList<FieldChange>> CompareAsync(ContentItem? before, ContentItem after)
    {
        var set = await definitions.GetAsync();
        var type = set.Type(after.ContentType);
        var zone = tenant.Shell.Settings.Zone();
        var fields = new List<FieldChange>
        {
            Text("Title", before?.DisplayText, after.DisplayText, before is null),
        };
        if (type?.Has(KnownParts.Autoroute) == true)
        {
            fields.Add(Text("Address on the site", before is null ? null : "/" + before.Path, after.Path is { Length: > 0 } path ? "/" + path : null, before is null));
        }
        if (type?.Has(KnownParts.HtmlBody) == true)
        {
            fields.Add(await WithPicturesAsync(Text("Text", Paragraphs(before?.Text(KnownParts.HtmlBody, "Html")), Paragraphs(after.Text(KnownParts.HtmlBody, "Html")), before is null),
                EmbeddedMedia.Ids(before?.Text(KnownParts.HtmlBody, "Html")), EmbeddedMedia.Ids(after.Text(KnownParts.HtmlBody, "Html")), before is null));
        }
        if (type?.Has(KnownParts.Menu) == true)
        {
            fields.Add(Text("Menu", Menu(before), Menu(after), before is null));
        }
        foreach (var (part, field) in type is null ? [] : set.FieldsOf(type))
        {
            var old = before?.Content[part.Name]?[field.Name];
            var now = after.Content[part.Name]?[field.Name];
            fields.Add(field.FieldName == KnownFields.ConsentMedia
                ? await WithPicturesAsync(new FieldChange(field.DisplayName, false, [], []), ContentPictures.MediaIds(old), ContentPictures.MediaIds(now), before is null)
                : field.FieldName == KnownFields.Html
                    ? Text(field.DisplayName, Paragraphs(Value(old, "Html")), Paragraphs(Value(now, "Html")), before is null)
                    : Text(field.DisplayName, Shown(field, old, zone), Shown(field, now, zone), before is null));
        }
        // Empty fields of a new item say nothing to a reviewer.
        return fields.Where(f => f.Text.Count > 0 || f.Pictures.Count > 0).ToList();
    }

    private static FieldChange Text(string label, string? before, string? after, bool isNew)
    {
        if (isNew || before == after)
        {
            return new FieldChange(label, false, string.IsNullOrEmpty(after) ? [] : [new TextRun(ChangeKind.Same, after)], []);
        }
        return new FieldChange(label, true, Words(before ?? string.Empty, after ?? string.Empty), []);
    }

    private async Task<FieldChange> WithPicturesAsync(FieldChange field, IEnumerable<string> before, IEnumerable<string> after, bool isNew)
    {
        var old = before.Distinct().ToList();
        var now = after.Distinct().ToList();
        var runs = new List<PictureRun>();
        foreach (var id in now.Concat(old.Except(now)))
        {
            var kind = isNew || (old.Contains(id) && now.Contains(id)) ? ChangeKind.Same : now.Contains(id) ? ChangeKind.Added : ChangeKind.Removed;
            runs.Add(new PictureRun(kind, id, (await pictures.FindAsync(id))?.Name ?? "a picture that is no longer in the library"));
        }
        return field with { Pictures = runs, Changed = field.Changed || runs.Any(r => r.Kind != ChangeKind.Same) };
    }

    /// <summary>Word by word: each word and each space is a line for the differ, so runs keep their spacing.</summary>
    private static List<TextRun> Words(string before, string after)
    {
        static string Tokens(string text) => string.Join('\n', Token().Matches(text).Select(m => m.Value == "\n" ? "\u2029" : m.Value));
        var runs = new List<TextRun>();
        foreach (var line in InlineDiffBuilder.Diff(Tokens(before), Tokens(after), ignoreWhiteSpace: false).Lines)
        {
            var kind = line.Type switch { ChangeType.Inserted => ChangeKind.Added, ChangeType.Deleted => ChangeKind.Removed, _ => ChangeKind.Same };
            var text = line.Text == "\u2029" ? "\n" : line.Text;
            if (runs.Count > 0 && runs[^1].Kind == kind && text != "\n" && runs[^1].Text != "\n")
            {
                runs[^1] = runs[^1] with { Text = runs[^1].Text + text };
            }
            else
            {
                runs.Add(new TextRun(kind, text));
            }
        }
        return runs;
    }

    /// <summary>The reader's text of some HTML, a paragraph a line.</summary>
    private static string? Paragraphs(string? html)
        => html is null ? null : string.Join('\n', Block().Split(html).Select(ReaderText.Of).Where(p => p.Length > 0));

    private static string? Menu(ContentItem? item)
        => item?.Content[KnownParts.Menu]?["Items"] is JsonArray entries
            ? string.Join('\n', entries.OfType<JsonObject>().SelectMany(e => (e["Items"] as JsonArray ?? []).OfType<JsonObject>().Select(c => "  " + Entry(c)).Prepend(Entry(e))))
            : null;

    private static string Entry(JsonObject entry)
        => $"{Value(entry, "Text")} ({Value(entry, "Url") ?? (Value(entry, "ContentItemId") is { } id ? "a page of this site" : "no address")})";

    private static string? Shown(ContentPartFieldDefinition field, JsonNode? value, TimeZoneInfo zone) => field.FieldName switch
    {
        KnownFields.Boolean => value?["Value"] is JsonValue v && v.GetValueKind() is JsonValueKind.True ? "Yes" : value?["Value"] is null ? null : "No",
        KnownFields.DateTime => Value(value, "Value") is { } at && DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? TimeZoneInfo.ConvertTime(parsed, zone).ToString("dddd d MMMM yyyy, HH:mm", CultureInfo.GetCultureInfo("en-GB")) : null,
        KnownFields.Date => Value(value, "Value") is { } day && DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB")) : null,
        KnownFields.Numeric => value?["Value"]?.ToString(),
        KnownFields.Link => Value(value, "Text") is { } text ? $"{text} ({Value(value, "Url")})" : Value(value, "Url"),
        KnownFields.ContentPicker => value?["ContentItemIds"] is JsonArray ids && ids.Count > 0 ? $"{ids.Count} item{(ids.Count == 1 ? "" : "s")} chosen" : null,
        _ => Value(value, "Text"),
    };

    private static string? Value(JsonNode? node, string property) => node?[property] is JsonValue v && v.TryGetValue<string>(out var s) && s.Length > 0 ? s : null;

    [GeneratedRegex(@"\n|[^\S\n]+|[^\s]+")]
    private static partial Regex Token();

    [GeneratedRegex(@"</(?:p|li|h[1-6]|blockquote|tr|div|ul|ol|table)\s*>|<br\s*/?>", RegexOptions.IgnoreCase)]
    private static partial Regex Block();
}
