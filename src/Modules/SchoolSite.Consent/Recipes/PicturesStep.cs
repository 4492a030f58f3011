using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;
using SchoolSite.Media.Services;
using SkiaSharp;

namespace SchoolSite.Consent.Recipes;

/// <summary>
/// "Pictures": illustrations drawn at provisioning (no photographs of real people ship with SchoolSite)
/// and put through the same upload pipeline, tagged with register people by MIS id, so a demo school
/// shows every consent status.
/// </summary>
public sealed class PicturesStep : IRecipeStepHandler
{
    public string Name => "Pictures";

    public string Schema => """
    {
      "type": "object",
      "required": ["Pictures"],
      "properties": {
        "name": { "type": "string" },
        "Pictures": {
          "type": "array",
          "items": {
            "type": "object",
            "required": ["Id", "Colour"],
            "properties": {
              "Id": { "type": "string", "pattern": "^[a-z0-9]{6,40}$" },
              "Colour": { "type": "string", "pattern": "^#[0-9a-fA-F]{6}$" },
              "AltText": { "type": "string", "maxLength": 500 },
              "Caption": { "type": "string", "maxLength": 500 },
              "People": { "type": "array", "items": { "type": "string" } },
              "NoIdentifiablePeople": { "type": "boolean" },
              "Width": { "type": "integer", "minimum": 64, "maximum": 3200 },
              "Height": { "type": "integer", "minimum": 64, "maximum": 3200 }
            },
            "additionalProperties": false
          }
        }
      },
      "additionalProperties": false
    }
    """;

    public async Task ExecuteAsync(RecipeStepContext context, CancellationToken cancellationToken)
    {
        var library = context.Services.GetRequiredService<MediaLibrary>();
        var people = await context.Services.GetRequiredService<ConsentDbContext>().People.AsNoTracking()
            .ToDictionaryAsync(p => p.ExternalId, p => p.Id, cancellationToken);
        var index = 0;
        foreach (var entry in context.Step.GetProperty("Pictures").EnumerateArray())
        {
            var at = $"$.Pictures[{index++}]";
            string? Text(string name) => entry.TryGetProperty(name, out var value) ? value.GetString() : null;
            var tagged = new List<string>();
            if (entry.TryGetProperty("People", out var list))
            {
                foreach (var (externalId, i) in list.EnumerateArray().Select((p, i) => (p.GetString()!, i)))
                {
                    tagged.Add(people.TryGetValue(externalId, out var id) ? id
                        : throw new RecipeStepException($"{at}.People[{i}]", $"there is nobody with the MIS id '{externalId}' (add them with the People step first)"));
                }
            }
            var width = entry.TryGetProperty("Width", out var w) ? w.GetInt32() : 960;
            var height = entry.TryGetProperty("Height", out var h) ? h.GetInt32() : 640;
            var (item, refusal) = await library.UploadAsync(Draw(SKColor.Parse(Text("Colour")!), index, width, height), Text("AltText"), Text("Caption"), "Demo", "recipe",
                cancellationToken, Text("Id"));
            if (item is null)
            {
                throw new RecipeStepException(at, refusal!);
            }
            await library.SetBySchoolAsync(item, tagged,
                entry.TryGetProperty("NoIdentifiablePeople", out var nobody) && nobody.ValueKind == JsonValueKind.True, Actor.Named("recipe"));
        }
    }

    /// <summary>A simple illustration: sky, a hill and a few figures, in the picture's colour (drawn at 960×640, scaled to the size asked).</summary>
    private static byte[] Draw(SKColor colour, int seed, int width, int height)
    {
        using var surface = SKSurface.Create(new SKImageInfo(width, height));
        var canvas = surface.Canvas;
        canvas.Scale(width / 960f, height / 640f);
        canvas.Clear(new SKColor(0xdd, 0xee, 0xff));
        using var paint = new SKPaint { IsAntialias = true, Color = colour };
        canvas.DrawOval(new SKRect(-200, 420, 1160, 1000), paint);
        paint.Color = colour.WithAlpha(200);
        for (var i = 0; i < 3 + seed % 3; i++)
        {
            var x = 200 + i * 180;
            canvas.DrawCircle(x, 330, 40, paint);
            canvas.DrawRoundRect(new SKRect(x - 45, 380, x + 45, 520), 30, 30, paint);
        }
        using var image = surface.Snapshot();
        using var data = image.Encode(SKEncodedImageFormat.Jpeg, 85);
        return data.ToArray();
    }
}
