using System.Buffers;
using System.Collections;
using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Reflection;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// Every piece of text a person or a client sends has a length limit, so that a megabyte "name" or alt text
/// cannot fill the database, the audit trail and every page that shows it. A form or API input declares its
/// limit with <see cref="MaxLengthAttribute"/>; text that declares none gets <see cref="Line"/>. The JSON API
/// (<see cref="JsonBody"/>) and every admin form (the page filter in the host) ask here, and say which field
/// is too long.
/// </summary>
public static class TextLimits
{
    /// <summary>A person's name, a display name.</summary>
    public const int Name = 100;

    /// <summary>A title, a label, an e-mail address, a short answer: what text gets when it declares nothing.</summary>
    public const int Line = 200;

    /// <summary>A comment, a note, alt text, a caption.</summary>
    public const int Note = 2_000;

    /// <summary>A link.</summary>
    public const int Address = 2_000;

    /// <summary>A multi-line text field.</summary>
    public const int Text = 10_000;

    /// <summary>A template's source.</summary>
    public const int Template = 100_000;

    /// <summary>A rich-text body: also the most any string in a JSON body may hold.</summary>
    public const int Html = 200_000;

    /// <summary>The most entries a list input may hold when it declares nothing (<see cref="MaxCountAttribute"/>).</summary>
    public const int Items = 100;

    /// <summary>The most entries any list in a JSON document (an item's pictures, a menu) may hold.</summary>
    public const int DocumentItems = 1_000;

    /// <summary>The largest JSON body the API reads, in bytes.</summary>
    public const int JsonBodyBytes = 2 * 1024 * 1024;

    private static readonly ConcurrentDictionary<Type, TextProperty[]> Properties = new();

    /// <summary>
    /// What is wrong with <paramref name="value"/> as <paramref name="label"/> of at most <paramref name="max"/> characters, or null:
    /// too long, or holding a character that cannot be stored or shown safely (<see cref="CharacterProblem"/>).
    /// </summary>
    public static string? Problem(string label, string? value, int max)
        => value is not null && value.Length > max
            ? string.Create(CultureInfo.InvariantCulture, $"{label} is too long: at most {max:N0} characters, this has {value.Length:N0}. Shorten it.")
            : CharacterProblem(label, value);

    /// <summary>
    /// What is wrong with the characters of <paramref name="value"/>, or null. Refused: NUL and the other control characters
    /// except tab and line breaks (PostgreSQL cannot store NUL, and none of them can be seen); half of a surrogate pair (not
    /// a character at all: it cannot be stored as UTF-8); and the controls that override or isolate the direction of text
    /// (U+202A–U+202E, U+2066–U+2069), which make a name or a file name show differently from what it says.
    /// </summary>
    public static string? CharacterProblem(string label, string? value)
    {
        if (value is null)
        {
            return null;
        }
        var span = value.AsSpan();
        for (var at = span.IndexOfAny(Unsafe); at >= 0; at = Next(span, at))
        {
            var c = span[at];
            if (char.IsHighSurrogate(c) && at + 1 < span.Length && char.IsLowSurrogate(span[at + 1]))
            {
                at++; // a whole character (an emoji, say): fine
                continue;
            }
            var where = string.Create(CultureInfo.InvariantCulture, $"at character {at + 1:N0}");
            return char.IsSurrogate(c)
                ? $"{label} has a broken character {where} (half of a character pair). Type the text again rather than pasting it."
                : c < ' '
                    ? string.Create(CultureInfo.InvariantCulture, $"{label} has an invisible control character (U+{(int)c:X4}) {where}. Remove it, for example by typing the text again.")
                    : string.Create(CultureInfo.InvariantCulture,
                        $"{label} has an invisible character that changes the direction of text (U+{(int)c:X4}) {where}: it can make text show differently from what it says. Remove it.");
        }
        return null;
    }

    private static int Next(ReadOnlySpan<char> span, int at)
        => at + 1 >= span.Length ? -1 : span[(at + 1)..].IndexOfAny(Unsafe) is var next and >= 0 ? at + 1 + next : -1;

    /// <summary>Control characters but tab, CR and LF; surrogates (checked for pairs); bidirectional overrides and isolates.</summary>
    private static readonly SearchValues<char> Unsafe = SearchValues.Create(
        [.. Enumerable.Range(0, 32).Where(c => c is not ('\t' or '\r' or '\n')).Select(c => (char)c),
         .. Enumerable.Range(0xD800, 0x800).Select(c => (char)c),
         .. "\u202A\u202B\u202C\u202D\u202E\u2066\u2067\u2068\u2069"]);

    /// <summary>
    /// Checks every text property of <paramref name="model"/> (and of the objects and lists it holds) against its limit.
    /// Keys are the properties' names as <paramref name="key"/> makes them from the path, e.g. "legalFirstName" or "Input.Email".
    /// </summary>
    public static Dictionary<string, string[]> Check(object? model, Func<IReadOnlyList<string>, string> key)
    {
        var errors = new Dictionary<string, string[]>();
        Walk(model, [], key, errors, depth: 0);
        return errors;
    }

    /// <summary>Keys as the JSON API names them: camelCase, dotted, e.g. "consent.note".</summary>
    public static string JsonKey(IReadOnlyList<string> path) => string.Join('.', path.Select(p => JsonNamingPolicy.CamelCase.ConvertName(p)));

    /// <summary>
    /// Checks every string in a JSON document against <see cref="Html"/> and <see cref="CharacterProblem"/> (property names too),
    /// and every list against <see cref="DocumentItems"/>, naming the JSON path of any that is not right.
    /// </summary>
    public static Dictionary<string, string[]> Check(JsonNode? node)
    {
        var errors = new Dictionary<string, string[]>();
        Walk(node, "$", errors);
        return errors;
    }

    private static void Walk(JsonNode? node, string path, Dictionary<string, string[]> errors)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    if (CharacterProblem($"The name of {path}.{name}", name) is { } badName)
                    {
                        errors.TryAdd($"{path}.{name}", [badName]);
                        continue;
                    }
                    Walk(child, $"{path}.{name}", errors);
                }
                break;
            case JsonArray array when array.Count > DocumentItems:
                errors[path] = [string.Create(CultureInfo.InvariantCulture, $"{path} has {array.Count:N0} entries; at most {DocumentItems:N0} are allowed.")];
                break;
            case JsonArray array:
                for (var i = 0; i < array.Count; i++)
                {
                    Walk(array[i], $"{path}[{i}]", errors);
                }
                break;
            case JsonValue value when value.GetValueKind() == JsonValueKind.String:
                if ((ReadText(value) is { } text ? Problem(path, text, Html) : $"{path} has a broken character (half of a character pair). Type the text again.") is { } problem)
                {
                    errors[path] = [problem];
                }
                break;
        }
    }

    /// <summary>A JSON string's text, or null when it is not text at all (a lone surrogate, escaped, cannot be read as a string).</summary>
    public static string? ReadText(JsonValue value)
    {
        try
        {
            return value.TryGetValue<string>(out var text) ? text : null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    /// <summary>Checks one property's value (e.g. a page's bound property) as <see cref="Check(object?, Func{IReadOnlyList{string}, string})"/> does.</summary>
    public static Dictionary<string, string[]> Check(PropertyInfo property, object? value, Func<IReadOnlyList<string>, string> key)
    {
        var errors = new Dictionary<string, string[]>();
        if (Describe(property) is { } described)
        {
            Visit(described, value, [], key, errors, depth: 0);
        }
        return errors;
    }

    private static void Walk(object? model, List<string> path, Func<IReadOnlyList<string>, string> key, Dictionary<string, string[]> errors, int depth)
    {
        if (model is null || depth > 4)
        {
            return;
        }
        foreach (var property in Properties.GetOrAdd(model.GetType(), type => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.DeclaringType?.Namespace?.StartsWith("SchoolSite", StringComparison.Ordinal) == true)
            .Select(Describe).OfType<TextProperty>().ToArray()))
        {
            Visit(property, property.Info.GetValue(model), path, key, errors, depth);
        }
    }

    private static void Visit(TextProperty property, object? value, List<string> path, Func<IReadOnlyList<string>, string> key, Dictionary<string, string[]> errors, int depth)
    {
        path.Add(property.Info.Name);
        switch (value)
        {
            case string text:
                Report(text, property, path, key, errors);
                break;
            case IDictionary dictionary:
                foreach (DictionaryEntry entry in dictionary)
                {
                    Report(entry.Key as string, property, path, key, errors);
                    Report(entry.Value as string, property, path, key, errors);
                }
                break;
            case IEnumerable<string> list:
                var count = 0;
                foreach (var item in list)
                {
                    Report(item, property, path, key, errors);
                    count++;
                }
                if (count > property.MaxCount)
                {
                    errors.TryAdd(key(path), [string.Create(CultureInfo.InvariantCulture, $"{property.Label} has {count:N0} entries; at most {property.MaxCount:N0} are allowed.")]);
                }
                break;
            case IEnumerable entries when property.Nested && IsListOfInputs(property.Info.PropertyType):
                // A list of input objects (a menu's entries): each checked under its place, e.g. "menu[0].text".
                var name = path[^1];
                var entryCount = 0;
                foreach (var entry in entries)
                {
                    path[^1] = string.Create(CultureInfo.InvariantCulture, $"{name}[{entryCount}]");
                    Walk(entry, path, key, errors, depth + 1);
                    entryCount++;
                }
                path[^1] = name;
                if (entryCount > property.MaxCount)
                {
                    errors.TryAdd(key(path), [string.Create(CultureInfo.InvariantCulture, $"{property.Label} has {entryCount:N0} entries; at most {property.MaxCount:N0} are allowed.")]);
                }
                break;
            case { } nested when property.Nested:
                Walk(nested, path, key, errors, depth + 1);
                break;
        }
        path.RemoveAt(path.Count - 1);
    }

    private static void Report(string? text, TextProperty property, List<string> path, Func<IReadOnlyList<string>, string> key, Dictionary<string, string[]> errors)
    {
        if (Problem(property.Label, text, property.Max) is { } problem)
        {
            errors.TryAdd(key(path), [problem]);
        }
    }

    /// <summary>How a text-holding property is checked; null for a property that holds no text.</summary>
    private static TextProperty? Describe(PropertyInfo p)
    {
        var type = p.PropertyType;
        var holdsText = type == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(type) || typeof(IDictionary<string, string>).IsAssignableFrom(type);
        if (!p.CanRead || p.GetIndexParameters().Length > 0 || (!holdsText && !IsInput(type) && !IsListOfInputs(type)))
        {
            return null;
        }
        var max = p.GetCustomAttribute<MaxLengthAttribute>()?.Length ?? p.GetCustomAttribute<StringLengthAttribute>()?.MaximumLength ?? Line;
        var count = p.GetCustomAttribute<MaxCountAttribute>()?.Count ?? Items;
        return new TextProperty(p, max, count, p.GetCustomAttribute<DisplayAttribute>()?.Name ?? Words(p.Name), !holdsText);
    }

    /// <summary>An input object of this application (a form's fields), not a framework or value type.</summary>
    private static bool IsInput(Type type)
        => type.IsClass && type != typeof(string) && type.Namespace?.StartsWith("SchoolSite", StringComparison.Ordinal) == true;

    /// <summary>A list of input objects, e.g. List&lt;MenuEntryInput&gt;.</summary>
    private static bool IsListOfInputs(Type type)
        => type != typeof(string) && type.GetInterfaces().Append(type)
            .Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>) && IsInput(i.GetGenericArguments()[0]));

    /// <summary>"LegalFirstName" → "Legal first name".</summary>
    private static string Words(string name)
    {
        var words = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            words.Append(i > 0 && char.IsUpper(name[i]) ? " " + char.ToLowerInvariant(name[i]) : name[i].ToString());
        }
        return words.ToString();
    }

    private sealed record TextProperty(PropertyInfo Info, int Max, int MaxCount, string Label, bool Nested);
}

/// <summary>The most entries a list input may hold (each entry's length is its <see cref="MaxLengthAttribute"/>).</summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class MaxCountAttribute(int count) : Attribute
{
    public int Count { get; } = count;
}
