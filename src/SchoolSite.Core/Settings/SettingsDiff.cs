using System.ComponentModel.DataAnnotations;
using System.Reflection;
using System.Text.Json;
using SchoolSite.Core.Events;

namespace SchoolSite.Core.Settings;

/// <summary>What a save changes, section by section, for the audit trail: each setting's label with its old and new value.</summary>
public static class SettingsDiff
{
    private const string Secret = "(secret)";

    public static IReadOnlyList<SettingsChanged> Between(SettingsDocument before, IEnumerable<object> saved, IReadOnlyList<SettingsSection> sections, string actor)
    {
        var changes = new List<SettingsChanged>();
        foreach (var after in saved)
        {
            var section = sections.FirstOrDefault(s => s.Type == after.GetType());
            var old = before.Get(after.GetType());
            var changed = section is not null ? Leaves(section.Fields).Select(f => Compare(f.Label, f.Property, f.Path, old, after))
                : after.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Select(p => Compare(p.Name, p, p.Name, old, after));
            var fields = changed.OfType<(string Label, string Before, string After)>().ToList();
            if (fields.Count > 0)
            {
                changes.Add(new SettingsChanged(section?.Title ?? after.GetType().Name, actor, fields.Select(f => f.Label).ToList(),
                    string.Join("; ", fields.Select(f => $"{f.Label}: {f.Before}")), string.Join("; ", fields.Select(f => $"{f.Label}: {f.After}"))));
            }
        }
        return changes;
    }

    private static (string, string, string)? Compare(string label, PropertyInfo property, string path, object before, object after)
    {
        var (old, now) = (Text(ValueAt(before, path)), Text(ValueAt(after, path)));
        if (old == now)
        {
            return null;
        }
        // A password or key in a section is marked as one; its values stay out of the trail.
        return property.GetCustomAttribute<DataTypeAttribute>()?.DataType == DataType.Password ? (label, Secret, Secret + ", changed") : (label, old, now);
    }

    private static object? ValueAt(object? section, string path)
    {
        foreach (var name in path.Split('.'))
        {
            section = section?.GetType().GetProperty(name)?.GetValue(section);
        }
        return section;
    }

    private static string Text(object? value) => value switch
    {
        null => "(empty)",
        bool b => b ? "on" : "off",
        string { Length: 0 } => "(empty)",
        string s => s,
        IFormattable f => f.ToString(null, System.Globalization.CultureInfo.InvariantCulture),
        _ => JsonSerializer.Serialize(value, value.GetType(), SettingsDocument.Json),
    };

    private static IEnumerable<SettingsField> Leaves(IEnumerable<SettingsField> fields)
        => fields.SelectMany(f => f.IsGroup ? Leaves(f.Fields) : [f]);
}
