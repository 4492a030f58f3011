using System.Text;
using System.Text.Json.Nodes;
using DiffPlex.DiffBuilder;
using DiffPlex.DiffBuilder.Model;
using SchoolSite.Contents.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>What changed between the published version and the one under review, line by line, as reviewers read it.</summary>
public static class TextDiff
{
    public enum Kind { Same, Added, Removed }

    public sealed record Line(Kind Kind, string Text);

    /// <summary>An item as lines of text: the title, then each field and the body, tags removed.</summary>
    public static string TextOf(ContentItem item)
    {
        var text = new StringBuilder().AppendLine("Title: " + item.DisplayText);
        foreach (var (part, value) in item.Content)
        {
            foreach (var (field, node) in (value as JsonObject) ?? [])
            {
                if (field is "Title" or "Path" || node is null)
                {
                    continue;
                }
                var shown = node is JsonObject obj ? string.Join(" ", obj.Select(p => p.Value?.ToString())) : node.ToString();
                var plain = Consent.Services.PrivacyCheck.TextOf(shown);
                foreach (var line in plain.Split(['\n', '.'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                {
                    text.AppendLine($"{(part == "HtmlBodyPart" ? "Body" : field)}: {line}");
                }
            }
        }
        return text.ToString();
    }

    public static IReadOnlyList<Line> Compare(string before, string after)
        => InlineDiffBuilder.Diff(before, after).Lines.Select(l => new Line(l.Type switch
        {
            ChangeType.Inserted => Kind.Added,
            ChangeType.Deleted => Kind.Removed,
            _ => Kind.Same,
        }, l.Text)).ToList();
}
