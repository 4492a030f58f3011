using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Security;
using SchoolSite.Media.Models;
using SchoolSite.Media.Services;

namespace SchoolSite.Media.Endpoints;

/// <summary>
/// The library as the content editor's picture picker lists it: newest first, found by words, folder (a trip, an
/// event) or year, each with its standing for the purpose the field publishes under, so nobody chooses a picture
/// without seeing whether it may be shown. Mapped with the rest of the media API (it needs UploadMedia).
/// </summary>
public static class MediaListApi
{
    /// <summary>The most items one answer lists; the picker narrows with the search and the filters.</summary>
    public const int MostItems = 200;

    /// <summary>The most items asked for by id at once (a field's chosen pictures).</summary>
    public const int MostIds = 100;

    /// <summary>
    /// The consent module's permission to see the register with names. A refusal names the person and what their
    /// family decided: without this permission the picker says how many people a picture is blocked for, not who.
    /// </summary>
    public const string SeesNames = "ViewPeople";

    public static async Task<IResult> ListAsync(HttpContext http, MediaDbContext db, MediaPictures pictures, IAuthorizationService authorization,
        string? q, string? folder, string? year, string? purpose, string? ids, string? kind)
    {
        var clearance = http.RequestServices.GetService<IPictureClearance>();
        var purposes = clearance is null ? ["website"] : await clearance.PurposesAsync();
        purpose ??= "website";
        if (!purposes.Contains(purpose))
        {
            return Results.ValidationProblem(new Dictionary<string, string[]> { ["purpose"] = [$"There is no purpose '{purpose}'. This school's purposes: {string.Join(", ", purposes)}."] });
        }
        var items = db.Items.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(ids))
        {
            var wanted = ids.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Take(MostIds).ToList();
            items = items.Where(i => wanted.Contains(i.Id));
        }
        else
        {
            if (kind == "picture")
            {
                items = items.Where(i => i.Kind != "Pdf");
            }
            if (!string.IsNullOrWhiteSpace(folder))
            {
                items = items.Where(i => i.Folder == folder);
            }
            if (int.TryParse(year, out var y) && y is >= 2000 and <= 9999)
            {
                var start = new DateTime(y, 1, 1, 0, 0, 0, DateTimeKind.Utc);
                var end = start.AddYears(1);
                items = items.Where(i => i.UploadedUtc >= start && i.UploadedUtc < end);
            }
            if (q?.Trim() is { Length: > 0 } words)
            {
                var pattern = "%" + words.ToLowerInvariant().Replace("\\", "\\\\").Replace("%", "\\%").Replace("_", "\\_") + "%";
                items = items.Where(i => EF.Functions.Like((i.AltText ?? string.Empty).ToLower(), pattern, "\\")
                    || EF.Functions.Like((i.Caption ?? string.Empty).ToLower(), pattern, "\\")
                    || EF.Functions.Like((i.Folder ?? string.Empty).ToLower(), pattern, "\\"));
            }
        }
        var found = await items.OrderByDescending(i => i.UploadedUtc).ThenBy(i => i.Id).Take(MostItems).ToListAsync();
        var mayName = (await authorization.AuthorizeAsync(http.User, PermissionRequirement.Policy(SeesNames))).Succeeded;
        var list = new JsonArray();
        foreach (var item in found)
        {
            var status = await pictures.StatusAsync(item.Id, purpose);
            var reasons = mayName ? status.Reasons : await WithoutNamesAsync(status, purpose, clearance);
            list.Add(ToJson(item, status, reasons, http.Request.PathBase));
        }
        var all = await db.Items.AsNoTracking().Select(i => new { i.Folder, i.UploadedUtc }).ToListAsync();
        return Results.Json(new JsonObject
        {
            ["purpose"] = purpose,
            ["folders"] = new JsonArray(all.Select(i => i.Folder).OfType<string>().Distinct().Order(StringComparer.OrdinalIgnoreCase).Select(f => (JsonNode)f).ToArray()),
            ["years"] = new JsonArray(all.Select(i => i.UploadedUtc.Year).Distinct().OrderDescending().Select(y => (JsonNode)y).ToArray()),
            ["items"] = list,
        });
    }

    /// <summary>
    /// The reasons with every person's own refusal taken out, and a count put in their place: each person is asked
    /// about alone, so what is taken out is exactly what names them.
    /// </summary>
    private static async Task<IReadOnlyList<string>> WithoutNamesAsync(PictureStatus status, string purpose, IPictureClearance? clearance)
    {
        if (status.Shown || status.People.Count == 0 || clearance is null)
        {
            return status.Reasons;
        }
        var personal = new List<string>();
        var blocked = 0;
        foreach (var person in status.People)
        {
            var decision = await clearance.DecideAsync([person], purpose);
            if (!decision.Cleared)
            {
                blocked++;
                personal.AddRange(decision.Reasons);
            }
        }
        var kept = status.Reasons.Where(reason => !personal.Any(p => reason.Contains(p, StringComparison.Ordinal))).ToList();
        if (blocked > 0)
        {
            kept.Add(blocked == 1
                ? "One person in it may not be shown this way (their consent does not allow it). Staff who look after consent can see who."
                : $"{blocked} people in it may not be shown this way (their consent does not allow it). Staff who look after consent can see who.");
        }
        return kept;
    }

    private static JsonObject ToJson(MediaItem item, PictureStatus status, IReadOnlyList<string> reasons, PathString pathBase)
    {
        var renditions = item.Renditions.Split(',');
        string File(string wanted) => $"{pathBase}/media/{item.Id}/{(renditions.Contains(wanted) ? wanted : "original")}";
        return new JsonObject
        {
            ["id"] = item.Id,
            ["isPicture"] = item.IsPicture,
            ["altText"] = item.AltText,
            ["caption"] = item.Caption,
            ["folder"] = item.Folder,
            ["uploaded"] = item.UploadedUtc.ToString("yyyy-MM-dd"),
            ["thumbnail"] = item.IsPicture ? File("thumbnail") : null,
            ["large"] = item.IsPicture ? File("large") : File("original"),
            ["describe"] = $"{pathBase}/admin/media/{item.Id}",
            ["unreviewed"] = item.IsUnreviewed,
            ["cleared"] = status.Shown,
            ["reasons"] = new JsonArray(reasons.Select(r => (JsonNode)r).ToArray()),
            ["lapses"] = status.Lapses?.ToString("yyyy-MM-dd"),
        };
    }
}
