using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using SchoolSite.Core.Events;

namespace SchoolSite.Core.Cluster;

/// <summary>School events as they travel between web nodes: which node, which school, when, and the events as JSON.</summary>
public sealed record NodeMessage(string Node, string Tenant, DateTimeOffset Sent, Type? DeclaredType, IReadOnlyList<ISchoolEvent>? Events)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly ConcurrentDictionary<string, Type?> Types = new(StringComparer.Ordinal);

    /// <summary>The message for these events, or null if one of them cannot be written (then the other nodes drop the whole school from memory).</summary>
    public static string? Write(string node, string tenant, Type declaredType, IReadOnlyList<ISchoolEvent> events, DateTimeOffset sent)
    {
        JsonArray? items = [];
        try
        {
            foreach (var @event in events)
            {
                items.Add(new JsonObject
                {
                    ["type"] = NameOf(@event.GetType()),
                    ["data"] = JsonSerializer.SerializeToNode(@event, @event.GetType(), Json),
                });
            }
        }
        catch (Exception exception) when (exception is NotSupportedException or JsonException)
        {
            items = null;
        }
        return new JsonObject
        {
            ["node"] = node,
            ["tenant"] = tenant,
            ["sent"] = sent.ToUnixTimeMilliseconds(),
            ["declared"] = items is null ? null : NameOf(declaredType),
            ["events"] = items,
        }.ToJsonString();
    }

    /// <summary>
    /// Reads a message; events of a type this node does not know (or cannot read) leave <see cref="Events"/> null, which
    /// the receiver treats as "anything at this school may have changed".
    /// </summary>
    public static NodeMessage? Read(string text)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return null;
        }
        if (root?["node"]?.GetValue<string>() is not { } node || root["tenant"]?.GetValue<string>() is not { } tenant)
        {
            return null;
        }
        var sent = DateTimeOffset.FromUnixTimeMilliseconds(root["sent"]?.GetValue<long>() ?? 0);
        var declared = root["declared"]?.GetValue<string>() is { } declaredName ? Find(declaredName) : null;
        if (declared is null || root["events"] is not JsonArray items)
        {
            return new NodeMessage(node, tenant, sent, null, null);
        }
        var events = new List<ISchoolEvent>(items.Count);
        foreach (var item in items)
        {
            var type = item?["type"]?.GetValue<string>() is { } name ? Find(name) : null;
            ISchoolEvent? @event = null;
            try
            {
                @event = type is null ? null : item!["data"].Deserialize(type, Json) as ISchoolEvent;
            }
            catch (JsonException)
            {
            }
            if (@event is null || !declared.IsInstanceOfType(@event))
            {
                return new NodeMessage(node, tenant, sent, null, null);
            }
            events.Add(@event);
        }
        return new NodeMessage(node, tenant, sent, declared, events);
    }

    private static string NameOf(Type type) => $"{type.FullName}, {type.Assembly.GetName().Name}";

    /// <summary>Only the project's own event types: a name from the channel never loads anything else.</summary>
    private static Type? Find(string name) => Types.GetOrAdd(name, n =>
    {
        var comma = n.IndexOf(',', StringComparison.Ordinal);
        var assembly = comma < 0 ? "" : n[(comma + 1)..].Trim();
        if (!assembly.StartsWith("SchoolSite.", StringComparison.Ordinal))
        {
            return null;
        }
        var loaded = AppDomain.CurrentDomain.GetAssemblies().FirstOrDefault(a => a.GetName().Name == assembly);
        var type = loaded?.GetType(n[..comma], throwOnError: false);
        return type is not null && typeof(ISchoolEvent).IsAssignableFrom(type) ? type : null;
    });
}
