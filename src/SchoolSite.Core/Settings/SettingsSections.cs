using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using SchoolSite.Core.Hosting;

namespace SchoolSite.Core.Settings;

/// <summary>A setting that is not right, named by its path ("Branding.PrimaryColour").</summary>
public sealed record SettingsError(string Path, string Message);

/// <summary>
/// Every module's settings section. The settings page and the recipe step both read, check and merge
/// settings through here, so a module adds a setting by adding one property to its own record.
/// </summary>
public sealed class SettingsSections
{
    public SettingsSections(IEnumerable<SettingsSection> sections)
    {
        All = sections.OrderBy(s => s.Position).ToList();
        var clash = All.SelectMany(s => s.Fields.Select(f => (f.Path, s.Title))).GroupBy(f => f.Path, StringComparer.OrdinalIgnoreCase)
            .FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
        {
            // The document is flat: two sections with one name would overwrite each other.
            throw new InvalidOperationException($"The setting '{clash.Key}' is declared by more than one section: {string.Join(", ", clash.Select(c => c.Title))}.");
        }
        RecipeSchema = BuildSchema();
    }

    public IReadOnlyList<SettingsSection> All { get; }

    /// <summary>JSON Schema of the "settings" recipe step: every section's settings, with their types and limits.</summary>
    public string RecipeSchema { get; }

    /// <summary>Checks a section's values against its rules (data annotations, and the record's own checks).</summary>
    public static IReadOnlyList<SettingsError> Validate(object section, IServiceProvider services, string prefix = "")
    {
        var errors = new List<SettingsError>();
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(section, new ValidationContext(section, services, null), results, validateAllProperties: true);
        errors.AddRange(results.Select(r => new SettingsError(prefix + (r.MemberNames.FirstOrDefault() ?? string.Empty), r.ErrorMessage ?? "is not valid")));
        if (prefix.Length == 0)
        {
            // Every text setting, nested ones included, has a length limit (its [MaxLength], or a line).
            errors.AddRange(TextLimits.Check(section, path => string.Join('.', path))
                .Where(e => !errors.Any(known => known.Path == e.Key))
                .Select(e => new SettingsError(e.Key, e.Value[0])));
        }
        foreach (var property in section.GetType().GetProperties().Where(p => p.PropertyType.IsClass && p.PropertyType != typeof(string)))
        {
            if (property.GetValue(section) is { } nested)
            {
                errors.AddRange(Validate(nested, services, prefix + property.Name + "."));
            }
        }
        return errors;
    }

    /// <summary>
    /// The section with a recipe step's values for it written over <paramref name="current"/> (only what the
    /// step names changes), or null when the step names none of its settings.
    /// </summary>
    public static object? Merge(SettingsSection section, object current, JsonElement step)
    {
        var node = JsonSerializer.SerializeToNode(current, section.Type, SettingsDocument.Json)!.AsObject();
        var touched = false;
        foreach (var field in section.Fields)
        {
            if (step.TryGetProperty(field.Property.Name, out var value))
            {
                node[JsonNamingPolicy.CamelCase.ConvertName(field.Property.Name)] = MergeNode(node[JsonNamingPolicy.CamelCase.ConvertName(field.Property.Name)], value);
                touched = true;
            }
        }
        return touched ? node.Deserialize(section.Type, SettingsDocument.Json) : null;
    }

    /// <summary>
    /// The section with the settings page's values written over <paramref name="current"/>. A field the form
    /// did not send keeps its value, except a checkbox, which browsers leave out when it is not ticked.
    /// </summary>
    public static (object Value, IReadOnlyList<SettingsError> Errors) Read(SettingsSection section, object current, Func<string, string?> form)
    {
        var node = JsonSerializer.SerializeToNode(current, section.Type, SettingsDocument.Json)!.AsObject();
        var errors = new List<SettingsError>();
        Apply(section.Fields, node, form, errors);
        return (node.Deserialize(section.Type, SettingsDocument.Json)!, errors);
    }

    /// <summary>The value a field shows on the settings page.</summary>
    public static string? Display(SettingsField field, object section)
    {
        object? value = section;
        foreach (var name in field.Path.Split('.'))
        {
            value = value?.GetType().GetProperty(name)?.GetValue(value);
        }
        return value switch
        {
            bool b => b ? "true" : "false",
            int i => i.ToString(CultureInfo.InvariantCulture),
            _ => value?.ToString(),
        };
    }

    private static void Apply(IEnumerable<SettingsField> fields, JsonObject node, Func<string, string?> form, List<SettingsError> errors)
    {
        foreach (var field in fields.Where(f => f.OnPage))
        {
            var key = JsonNamingPolicy.CamelCase.ConvertName(field.Property.Name);
            if (field.IsGroup)
            {
                if (node[key] is not JsonObject child)
                {
                    node[key] = child = [];
                }
                Apply(field.Fields, child, form, errors);
                continue;
            }
            var raw = form(field.Path);
            if (field.IsCheckbox)
            {
                node[key] = raw is not null && raw.Split(',').Contains("true");
            }
            else if (raw is null)
            {
                continue;
            }
            else if (field.IsNumber)
            {
                if (int.TryParse(raw.Trim(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number))
                {
                    node[key] = number;
                }
                else
                {
                    errors.Add(new SettingsError(field.Path, $"{field.Label}: enter a whole number."));
                }
            }
            else
            {
                node[key] = raw.Trim() is { Length: > 0 } text ? text : null;
            }
        }
    }

    private static JsonNode? MergeNode(JsonNode? current, JsonElement change)
    {
        if (change.ValueKind == JsonValueKind.Object && current is JsonObject existing)
        {
            var merged = (JsonObject)existing.DeepClone();
            foreach (var property in change.EnumerateObject())
            {
                var key = merged.Select(p => p.Key).FirstOrDefault(k => string.Equals(k, property.Name, StringComparison.OrdinalIgnoreCase))
                    ?? JsonNamingPolicy.CamelCase.ConvertName(property.Name);
                merged[key] = MergeNode(merged[key], property.Value);
            }
            return merged;
        }
        return JsonNode.Parse(change.GetRawText());
    }

    private string BuildSchema()
    {
        var properties = new JsonObject { ["name"] = new JsonObject { ["type"] = "string" } };
        foreach (var field in All.SelectMany(s => s.Fields))
        {
            properties[field.Property.Name] = SchemaOf(field);
        }
        return new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false }.ToJsonString();
    }

    private static JsonObject SchemaOf(SettingsField field)
    {
        if (field.IsGroup)
        {
            var properties = new JsonObject();
            foreach (var child in field.Fields)
            {
                properties[child.Property.Name] = SchemaOf(child);
            }
            return new JsonObject { ["type"] = "object", ["properties"] = properties, ["additionalProperties"] = false };
        }
        if (field.IsCheckbox)
        {
            return new JsonObject { ["type"] = "boolean" };
        }
        if (field.IsNumber)
        {
            var number = new JsonObject { ["type"] = "integer" };
            if (field.Range is { } range)
            {
                number["minimum"] = Convert.ToInt32(range.Minimum, CultureInfo.InvariantCulture);
                number["maximum"] = Convert.ToInt32(range.Maximum, CultureInfo.InvariantCulture);
            }
            return number;
        }
        var text = new JsonObject { ["type"] = "string" };
        var attributes = field.Property.GetCustomAttributes(true);
        if (attributes.OfType<RequiredAttribute>().Any())
        {
            text["minLength"] = 1;
        }
        if (attributes.OfType<StringLengthAttribute>().FirstOrDefault() is { } length)
        {
            text["maxLength"] = length.MaximumLength;
        }
        if (attributes.OfType<RegularExpressionAttribute>().FirstOrDefault() is { } pattern)
        {
            text["pattern"] = pattern.Pattern;
        }
        return text;
    }
}
