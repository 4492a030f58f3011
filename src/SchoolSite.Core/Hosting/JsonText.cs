using System.Text;
using System.Text.Json;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// Reads a JSON body once, before anything is made of it, and names every place where its text cannot be stored or shown:
/// a name or a string with a character <see cref="TextLimits.CharacterProblem"/> refuses (or half of a surrogate pair, which
/// is not text at all), a name given twice in one object, a null in a list. Keys are JSON paths without the "$.", as the
/// client wrote them: "legalFirstName", "people[2]", "TitlePart.Title".
/// </summary>
public static class JsonText
{
    /// <summary>The problems found; a body that is not JSON at all throws <see cref="JsonException"/>.</summary>
    public static Dictionary<string, string[]> Check(ReadOnlySpan<byte> json)
    {
        var errors = new Dictionary<string, string[]>();
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 64 });
        var frames = new List<Frame>();
        while (reader.Read())
        {
            var token = reader.TokenType;
            if (token is JsonTokenType.EndObject or JsonTokenType.EndArray)
            {
                frames.RemoveAt(frames.Count - 1);
                continue;
            }
            if (token == JsonTokenType.PropertyName)
            {
                var top = frames[^1];
                top.Name = Read(ref reader, out var broken);
                var key = Key(frames);
                if (broken || TextLimits.CharacterProblem("The name", top.Name) is not null)
                {
                    errors.TryAdd(key, [$"The name \"{Printable(top.Name)}\" has a character that cannot be stored or shown. Use the field's name as documented."]);
                }
                else if (!top.Names!.Add(top.Name))
                {
                    errors.TryAdd(key, [$"{key} is given twice. Give each field once."]);
                }
                continue;
            }
            if (frames.Count > 0 && frames[^1].Names is null)
            {
                frames[^1].Index++;
            }
            switch (token)
            {
                case JsonTokenType.StartObject:
                    frames.Add(new Frame { Names = new HashSet<string>(StringComparer.Ordinal) });
                    break;
                case JsonTokenType.StartArray:
                    frames.Add(new Frame());
                    break;
                case JsonTokenType.String:
                    var text = Read(ref reader, out var broken);
                    var at = Key(frames) is { Length: > 0 } path ? path : "$";
                    var label = at == "$" ? "The body" : at;
                    if ((broken ? $"{label} has a broken character (half of a character pair). Type the text again rather than pasting it."
                        : TextLimits.CharacterProblem(label, text)) is { } problem)
                    {
                        errors.TryAdd(at, [problem]);
                    }
                    break;
                case JsonTokenType.Null when frames.Count > 0 && frames[^1].Names is null:
                    errors.TryAdd(Key(frames), [$"{Key(frames)} is null: a list holds values, not nulls. Leave the entry out."]);
                    break;
            }
        }
        return errors;
    }

    /// <summary>The token's text; <paramref name="broken"/> when it is not text (invalid UTF-8, or an escaped half of a surrogate pair).</summary>
    private static string Read(ref Utf8JsonReader reader, out bool broken)
    {
        try
        {
            broken = false;
            return reader.GetString() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            broken = true;
            return string.Empty;
        }
    }

    private static string Key(List<Frame> frames)
    {
        var key = new StringBuilder();
        foreach (var frame in frames)
        {
            if (frame.Names is null)
            {
                key.Append('[').Append(frame.Index).Append(']');
            }
            else if (frame.Name is not null)
            {
                key.Append(key.Length > 0 ? "." : string.Empty).Append(frame.Name);
            }
        }
        return key.ToString();
    }

    private static string Printable(string text)
        => string.Concat(text.Take(40).Select(c => c < ' ' || char.IsSurrogate(c) || c is >= '\u2000' and <= '\u206F' ? $"\\u{(int)c:X4}" : c.ToString()));

    /// <summary>An object (with the names seen so far and the current one) or a list (with the current index).</summary>
    private sealed class Frame
    {
        public HashSet<string>? Names { get; init; }
        public string? Name { get; set; }
        public int Index { get; set; } = -1;
    }
}
