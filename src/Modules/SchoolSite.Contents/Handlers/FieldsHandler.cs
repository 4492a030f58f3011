using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Hosting;

namespace SchoolSite.Contents.Handlers;

/// <summary>
/// Checks and normalises every field of the item against its definition: a date is a date, a link is
/// http(s), mail or a site path, rich text is sanitised, picked items exist. Errors name "Part.Field".
/// </summary>
public sealed class FieldsHandler(HtmlBodySanitizer sanitizer, ContentsDbContext db) : IContentHandler
{
    public int Order => -80;

    public async Task UpdatingAsync(UpdateContentContext context)
    {
        foreach (var (part, field) in context.Definitions.FieldsOf(context.Type))
        {
            if (context.Item.Content[part.Name]?[field.Name] is not JsonObject value)
            {
                if (field.Settings["Required"]?.GetValue<bool>() == true)
                {
                    context.AddError($"{part.Name}.{field.Name}", $"{field.DisplayName} is required.");
                }
                continue;
            }
            var error = await CheckAsync(field, value);
            if (error is not null)
            {
                context.AddError($"{part.Name}.{field.Name}", $"{field.DisplayName}: {error}");
            }
        }
    }

    private async Task<string?> CheckAsync(ContentPartFieldDefinition field, JsonObject value)
    {
        switch (field.FieldName)
        {
            case KnownFields.Text:
                return value["Text"] is null or JsonValue ? null : "expected text.";
            case KnownFields.Html:
                value["Html"] = sanitizer.Sanitize(String(value, "Html"));
                return null;
            case KnownFields.Boolean:
                return value["Value"] is null || value["Value"]!.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? null : "expected true or false.";
            case KnownFields.Date:
                if (String(value, "Value") is { Length: > 0 } date)
                {
                    if (!DateOnly.TryParseExact(date, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out _))
                    {
                        return $"'{date}' is not a date (expected YYYY-MM-DD).";
                    }
                }
                return null;
            case KnownFields.DateTime:
                if (String(value, "Value") is { Length: > 0 } dateTime)
                {
                    if (!DateTimeOffset.TryParse(dateTime, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                    {
                        return $"'{dateTime}' is not a date and time (expected e.g. 2026-06-12T09:30:00Z).";
                    }
                    value["Value"] = parsed.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
                }
                return null;
            case KnownFields.Numeric:
                if (value["Value"] is JsonValue number && number.GetValueKind() == JsonValueKind.String)
                {
                    if (!decimal.TryParse(TextLimits.ReadText(number), NumberStyles.Number, CultureInfo.InvariantCulture, out var parsedNumber))
                    {
                        return $"'{number}' is not a number.";
                    }
                    value["Value"] = parsedNumber;
                }
                return value["Value"] is null || value["Value"]!.GetValueKind() == JsonValueKind.Number ? null : "expected a number.";
            case KnownFields.Link:
                var url = String(value, "Url");
                if (!string.IsNullOrEmpty(url) && !IsSafeLink(url))
                {
                    return $"'{url}' is not a link this site can use (expected http, https, mailto, tel or a path starting with /).";
                }
                return null;
            case KnownFields.ContentPicker:
                var ids = value["ContentItemIds"] as JsonArray ?? [];
                // An id that is not text is ValueTypesHandler's to report.
                var wanted = ids.Select(i => i is JsonValue id && id.GetValueKind() == JsonValueKind.String ? TextLimits.ReadText(id) ?? string.Empty : string.Empty).ToList();
                var found = await db.ContentItems.Where(i => wanted.Contains(i.ContentItemId) && i.Latest && i.DeletedUtc == null)
                    .Select(i => i.ContentItemId).ToListAsync();
                var missing = wanted.Except(found).ToList();
                return missing.Count == 0 ? null : $"there is no item {string.Join(", ", missing)}.";
            case KnownFields.ConsentMedia:
                // Whether each picture may be published is the consent module's decision, at publishing time.
                return value["MediaIds"] is null or JsonArray ? null : "expected a list of media ids.";
            default:
                return null;
        }
    }

    public static bool IsSafeLink(string url)
    {
        if (url.StartsWith('/') && !url.StartsWith("//"))
        {
            return true;
        }
        return Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto" or "tel";
    }

    private static string? String(JsonObject value, string property)
        => value[property] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? TextLimits.ReadText(v) : null;
}
