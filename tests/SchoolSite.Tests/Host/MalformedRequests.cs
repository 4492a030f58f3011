using System.Text;
using System.Text.Json.Nodes;

namespace SchoolSite.Tests.Host;

/// <summary>
/// One malformed request made from a valid example: what was changed, and the body as text (with the example's placeholders
/// still in it) or as content made on the spot; a different address; and whether it must be refused.
/// </summary>
public sealed record Malformed(string What, string? Text = null, string ContentType = "application/json", Func<HttpContent?>? Make = null,
    bool MustRefuse = true, string? Path = null, string? Field = null);

/// <summary>
/// Makes malformed requests from a valid example: every value of the example given the wrong JSON type, null, text
/// that is too long or holds control, bidirectional or broken characters, lists that are too long, choices that are not
/// a choice's name; bodies that are not JSON objects; ids in the address with "..", NUL and the like; multipart and CSV
/// bodies broken the ways clients and attackers break them.
/// </summary>
public static class MalformedRequests
{
    // Lone surrogates cannot be written by a JSON serializer: these stand in for them and become \ud800 / \udc00 in the text sent.
    private const string LoneHigh = "@@lone-high@@", LoneLow = "@@lone-low@@";

    public static readonly string[] BadTexts =
    [
        "nul\u0000inside", "bell\u0007", "escape\u001B[31m", "vertical\u000Btab", "\u202Eevil.exe", "isolate\u2066x\u2069", LoneHigh, LoneLow + "after",
    ];

    public const int HugeText = 300_000;

    /// <summary>Just over the sizes string columns were made with (40, 64, 100, 200, 256, 300, 500).</summary>
    public static readonly int[] ColumnEdges = [41, 65, 101, 201, 257, 301, 501];

    public static IEnumerable<Malformed> Json(string template, IReadOnlySet<string> required, IReadOnlySet<string> choices)
    {
        var root = JsonNode.Parse(template)!;
        foreach (var (path, node) in Values(root, []))
        {
            var name = Name(path);
            foreach (var (label, replacement) in WrongTypes(node))
            {
                yield return Body($"{name} ← {label}", With(root, path, replacement));
            }
            var inList = path[^1] is int;
            yield return Body($"{name} ← null", With(root, path, null), mustRefuse: inList || required.Contains(name));
            if (node is JsonValue value && value.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                yield return Body($"{name} ← {HugeText:N0} characters", WithText(root, path, new string('x', HugeText)));
                // Longer than some database columns, within what many fields allow: refused or stored, the same on every database, never a 500.
                foreach (var length in ColumnEdges)
                {
                    yield return Body($"{name} ← {length} characters", WithText(root, path, new string('x', length)), mustRefuse: false);
                }
                foreach (var bad in BadTexts)
                {
                    yield return Body($"{name} ← {Show(bad)}", WithText(root, path, bad));
                }
                if (choices.Contains(name))
                {
                    var given = value.GetValue<string>();
                    foreach (var wrong in new[] { "5", "-1", "0", $"{given},{given}", $"{given}, {given}", "NotAChoice" })
                    {
                        yield return Body($"{name} ← \"{wrong}\" (not a choice)", WithText(root, path, wrong));
                    }
                }
            }
            if (node is JsonArray { Count: > 0 } array)
            {
                var many = new JsonArray(Enumerable.Range(0, 1_001).Select(_ => array[0]!.DeepClone()).ToArray());
                yield return Body($"{name} ← a list of 1,001 entries", With(root, path, many));
            }
        }
        foreach (var (label, text) in WholeBodies(root))
        {
            yield return new Malformed(label, text);
        }
        yield return new Malformed("JSON sent as text/plain", template, "text/plain");
        yield return new Malformed("JSON sent as a form", Make: () => new FormUrlEncodedContent([new("json", template)]));
    }

    /// <summary>The text to send for a JSON body, with the stand-ins for lone surrogates made real.</summary>
    public static string Finish(string json) => json.Replace(LoneHigh, "\\ud800", StringComparison.Ordinal).Replace(LoneLow, "\\udc00", StringComparison.Ordinal);

    /// <summary>Each id in the address replaced, one at a time, by something no id can be.</summary>
    public static IEnumerable<Malformed> Paths(string pattern, string url)
    {
        var patternSegments = pattern.Trim('/').Split('/');
        var urlSegments = url.Trim('/').Split('/');
        for (var i = 0; i < patternSegments.Length && i < urlSegments.Length; i++)
        {
            if (!patternSegments[i].StartsWith('{'))
            {
                continue;
            }
            // NUL (%00) never reaches the application: the server's own decoder refuses such a path (Kestrel answers 400, the test server throws).
            foreach (var bad in new[] { "..", "%2E%2E", "..%2F..%2Fsettings", "a%01b", "%01", "%1B", "%E2%80%AE", "%E2%81%A6x", "%ED%A0%80", "%C0%AE", new string('x', 5_000) })
            {
                var segments = (string[])urlSegments.Clone();
                segments[i] = bad;
                yield return new Malformed($"{patternSegments[i]} ← {(bad.Length > 40 ? "5,000 characters" : bad)}", Path: "/" + string.Join('/', segments));
            }
        }
    }

    /// <summary>A request with one value changed: refused, it must name the field (the last name in its path).</summary>
    private static Malformed Body(string what, string json, bool mustRefuse = true)
        => new(what, json, MustRefuse: mustRefuse, Field: what.Split(" ← ")[0].Split('.')[^1].Split('[')[0]);

    /// <summary>Every value in the document (the root's properties, nested objects, each list's first entry) with its path.</summary>
    private static IEnumerable<(object[] Path, JsonNode? Node)> Values(JsonNode node, object[] at)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (name, child) in obj)
                {
                    object[] path = [.. at, name];
                    yield return (path, child);
                    if (child is not null)
                    {
                        foreach (var inner in Values(child, path))
                        {
                            yield return inner;
                        }
                    }
                }
                break;
            case JsonArray { Count: > 0 } array:
                object[] first = [.. at, 0];
                yield return (first, array[0]);
                if (array[0] is { } entry)
                {
                    foreach (var inner in Values(entry, first))
                    {
                        yield return inner;
                    }
                }
                break;
        }
    }

    private static IEnumerable<(string Label, JsonNode Replacement)> WrongTypes(JsonNode? node)
    {
        var kind = node?.GetValueKind();
        if (kind != System.Text.Json.JsonValueKind.Number) yield return ("a number", 12345);
        if (kind is not (System.Text.Json.JsonValueKind.True or System.Text.Json.JsonValueKind.False)) yield return ("true", true);
        if (kind != System.Text.Json.JsonValueKind.String) yield return ("text", "wrong");
        if (kind != System.Text.Json.JsonValueKind.Array) yield return ("a list", new JsonArray(1, 2));
        if (kind != System.Text.Json.JsonValueKind.Object) yield return ("an object", new JsonObject { ["x"] = 1 });
    }

    private static IEnumerable<(string Label, string Text)> WholeBodies(JsonNode root)
    {
        var obj = root.AsObject();
        var first = obj.First();
        var rest = string.Join(',', obj.Select(p => $"{System.Text.Json.JsonSerializer.Serialize(p.Key)}:{p.Value?.ToJsonString() ?? "null"}"));
        yield return ("the body null", "null");
        yield return ("the body a list", "[" + root.ToJsonString() + "]");
        yield return ("the body a number", "5");
        yield return ("the body text", "\"text\"");
        yield return ("the body empty", "");
        yield return ("the body cut short", root.ToJsonString()[..^2]);
        yield return ("the body not JSON", "{ this is not json }");
        yield return ("a property given twice", "{" + rest + "," + System.Text.Json.JsonSerializer.Serialize(first.Key) + ":" + (first.Value?.ToJsonString() ?? "null") + "}");
        yield return ("a property name with a NUL", "{\"x\\u0000y\":1," + rest + "}");
        yield return ("a property name with a lone surrogate", "{\"\\ud800\":1," + rest + "}");
        yield return ("nested 200 deep", "{" + rest + ",\"deep\":" + new string('[', 200) + new string(']', 200) + "}");
    }

    private static string With(JsonNode root, object[] path, JsonNode? replacement)
    {
        var copy = root.DeepClone();
        var parent = copy;
        foreach (var step in path[..^1])
        {
            parent = step is int index ? parent![index] : parent![(string)step];
        }
        if (path[^1] is int at)
        {
            parent!.AsArray()[at] = replacement;
        }
        else
        {
            parent!.AsObject()[(string)path[^1]] = replacement;
        }
        return copy.ToJsonString();
    }

    private static string WithText(JsonNode root, object[] path, string text) => With(root, path, JsonValue.Create(text));

    private static string Name(object[] path)
    {
        var name = new StringBuilder();
        foreach (var step in path)
        {
            name.Append(step is int index ? $"[{index}]" : (name.Length > 0 ? "." : "") + step);
        }
        return name.ToString();
    }

    private static string Show(string text)
        => text == LoneHigh ? "a lone high surrogate" : text == LoneLow + "after" ? "a lone low surrogate"
            : string.Concat(text.Select(c => c < ' ' || c is >= '\u2000' and <= '\u206F' ? $"\\u{(int)c:X4}" : c.ToString()));
}
