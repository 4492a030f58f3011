using System.Collections;
using System.Reflection;
using System.Text.Json.Nodes;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// What a JSON value should be, in words, for the field of an input type at a JSON path ("$.people[0]" of a picture's
/// description: "text, in double quotes"): so a value of the wrong type is refused with a problem that says what to send.
/// </summary>
public static class JsonTypes
{
    /// <summary>What the value at <paramref name="path"/> of <paramref name="input"/> should be, or null when the path leads nowhere known.</summary>
    public static string? Expected(Type input, string path)
    {
        var type = input;
        PropertyInfo? property = null;
        foreach (var step in Steps(path))
        {
            if (step is null)
            {
                type = ElementType(type);
                property = null;
            }
            else
            {
                property = type.GetProperty(step, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
                type = property?.PropertyType;
            }
            if (type is null)
            {
                return null;
            }
        }
        var words = Words(type);
        var required = property is not null && !type.IsValueType
            && new NullabilityInfoContext().Create(property).ReadState == NullabilityState.NotNull;
        return required ? words + " (it cannot be null)" : words;
    }

    private static string Words(Type type)
    {
        type = Nullable.GetUnderlyingType(type) ?? type;
        return type switch
        {
            _ when type == typeof(string) => "text, in double quotes",
            _ when type == typeof(bool) => "true or false",
            _ when type == typeof(int) || type == typeof(long) || type == typeof(short) => "a whole number",
            _ when type == typeof(decimal) || type == typeof(double) || type == typeof(float) => "a number",
            _ when type == typeof(DateTimeOffset) || type == typeof(DateTime) => "a date and time, such as \"2026-06-12T09:30:00Z\"",
            _ when type == typeof(DateOnly) => "a date, such as \"2026-06-12\"",
            _ when type.IsEnum => Choices(Enum.GetNames(type)),
            _ when typeof(JsonNode).IsAssignableFrom(type) => "JSON",
            _ when type != typeof(string) && typeof(IEnumerable).IsAssignableFrom(type) => $"a list in square brackets, of {Words(ElementType(type) ?? typeof(object))}",
            _ => "an object, in curly brackets",
        };
    }

    /// <summary>"Pupil or Staff", "Granted, Refused or Objected".</summary>
    public static string Choices(IReadOnlyList<string> names)
        => names.Count > 1 ? $"{string.Join(", ", names.Take(names.Count - 1))} or {names[^1]}" : string.Join("", names);

    private static Type? ElementType(Type type)
        => type.IsArray ? type.GetElementType()
            : type.GetInterfaces().Append(type).FirstOrDefault(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IEnumerable<>))?.GetGenericArguments()[0];

    /// <summary>"$.a.b[0]['c d']" → a, b, (an entry), c d.</summary>
    private static IEnumerable<string?> Steps(string path)
    {
        var i = path.StartsWith('$') ? 1 : 0;
        while (i < path.Length)
        {
            if (path[i] == '.')
            {
                var end = path.IndexOfAny(['.', '['], i + 1);
                yield return path[(i + 1)..(end < 0 ? path.Length : end)];
                i = end < 0 ? path.Length : end;
            }
            else if (path[i] == '[' && i + 1 < path.Length && path[i + 1] == '\'')
            {
                var end = path.IndexOf("']", i + 2, StringComparison.Ordinal);
                if (end < 0) yield break;
                yield return path[(i + 2)..end];
                i = end + 2;
            }
            else if (path[i] == '[')
            {
                var end = path.IndexOf(']', i);
                if (end < 0) yield break;
                yield return null;
                i = end + 1;
            }
            else
            {
                yield break;
            }
        }
    }
}
