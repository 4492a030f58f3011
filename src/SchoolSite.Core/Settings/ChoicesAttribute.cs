using System.ComponentModel.DataAnnotations;

namespace SchoolSite.Core.Settings;

/// <summary>
/// A setting chosen from a list ("value=Label" each): the settings page shows a drop-down of the labels, and any other
/// value (from a form or a recipe) is refused, naming the choices.
/// </summary>
[AttributeUsage(AttributeTargets.Property)]
public sealed class ChoicesAttribute(params string[] choices) : ValidationAttribute
{
    public IReadOnlyList<(string Value, string Label)> Choices { get; } = choices
        .Select(c => c.Split('=', 2) is [var value, var label] ? (value, label) : (c, c)).ToList();

    public override bool IsValid(object? value) => value is null || Choices.Any(c => c.Value == value as string);

    public override string FormatErrorMessage(string name) => $"Choose one of: {string.Join(", ", Choices.Select(c => c.Label))}.";
}
