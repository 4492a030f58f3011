using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace SchoolSite.Core.Settings;

/// <summary>
/// A school's settings: one JSON document (one row), read once into its shell. Each module reads its own
/// section of it as a typed record. A section's properties sit at the top level of the document, which is
/// how a recipe's "settings" step and the settings page name them too.
/// </summary>
public sealed class SettingsDocument
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static readonly SettingsDocument Empty = new("{}");

    // Kept as text: each reader deserialises its own copy, so readers on many threads never share a JsonNode.
    private readonly string _json;
    private readonly ConcurrentDictionary<Type, object> _sections = new();

    public SettingsDocument(string? json) => _json = string.IsNullOrWhiteSpace(json) ? "{}" : json;

    /// <summary>A module's section, with its defaults for anything never set.</summary>
    public T Get<T>() where T : class, new() => (T)Get(typeof(T));

    public object Get(Type section)
        => _sections.GetOrAdd(section, type => JsonSerializer.Deserialize(_json, type, Json) ?? Activator.CreateInstance(type)!);

    /// <summary>A new document with these sections' values written over this one's.</summary>
    public SettingsDocument With(IEnumerable<object> sections)
    {
        var root = JsonNode.Parse(_json) as JsonObject ?? [];
        foreach (var section in sections)
        {
            foreach (var (name, value) in JsonSerializer.SerializeToNode(section, section.GetType(), Json)!.AsObject())
            {
                root[name] = value?.DeepClone();
            }
        }
        return new SettingsDocument(root.ToJsonString(Json));
    }

    public string ToJson() => _json;
}
