using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.DependencyInjection;

namespace SchoolSite.Core.Settings;

/// <summary>One setting as the settings page shows it and a recipe names it ("Branding.PrimaryColour").</summary>
public sealed record SettingsField(string Path, PropertyInfo Property, string Label, string? Hint, IReadOnlyList<SettingsField> Fields)
{
    public bool IsGroup => Fields.Count > 0;

    public bool IsCheckbox => Property.PropertyType == typeof(bool);

    public bool IsNumber => Property.PropertyType == typeof(int);

    /// <summary>Settable by a recipe, but not shown on the settings page (the trust decides it).</summary>
    public bool OnPage => Property.GetCustomAttribute<EditableAttribute>()?.AllowEdit != false;

    public RangeAttribute? Range => Property.GetCustomAttribute<RangeAttribute>();

    /// <summary>The values and labels of a setting chosen from a list (shown as a drop-down), or null.</summary>
    public IReadOnlyList<(string Value, string Label)>? Choices => Property.GetCustomAttribute<ChoicesAttribute>()?.Choices;

    public string InputType => IsCheckbox ? "checkbox" : IsNumber ? "number"
        : Property.GetCustomAttribute<EmailAddressAttribute>() is not null ? "email" : "text";

    internal static IReadOnlyList<SettingsField> Of(Type type, string prefix)
        => type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.SetMethod is not null)
            .Select(p =>
            {
                var display = p.GetCustomAttribute<DisplayAttribute>();
                var path = prefix + p.Name;
                var nested = IsGroupType(p.PropertyType) ? Of(p.PropertyType, path + ".") : [];
                return new SettingsField(path, p, display?.Name ?? p.Name, display?.Description, nested);
            })
            .ToList();

    private static bool IsGroupType(Type type) => type.IsClass && type != typeof(string);
}

/// <summary>
/// A module's settings: a record of its own (defaults in the record, rules as data annotations), with the
/// title the settings page gives it. The kernel knows none of them; the page and the recipe step compose them.
/// </summary>
public sealed record SettingsSection(Type Type, string Title, int Position, string? Feature)
{
    public IReadOnlyList<SettingsField> Fields { get; } = SettingsField.Of(Type, string.Empty);
}

public static class SettingsSectionServices
{
    /// <summary>Declares a module's settings record and where the settings page shows it (only while <paramref name="feature"/> is on).</summary>
    public static IServiceCollection AddSettingsSection<T>(this IServiceCollection services, string title, int position, string? feature = null)
        where T : class, new()
        => services.AddSingleton(new SettingsSection(typeof(T), title, position, feature));
}
