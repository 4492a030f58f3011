using System.Globalization;
using SchoolSite.Core.Settings;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>
/// Review in the words of a school office: where an item stands ("waiting for a colleague's check"), what a step does
/// ("sign this off") and what each history line says, never a state machine's names or arrows.
/// </summary>
public static class ReviewWording
{
    /// <summary>Where the item stands, e.g. "waiting for a senior leader's sign-off".</summary>
    public static string State(WorkflowDefinition definition, WorkflowInstance instance, SiteSettings? settings = null) => instance.State switch
    {
        WorkflowStates.Draft => "a draft",
        WorkflowStates.Published => "published",
        WorkflowStates.Approved => instance.PublishAtUtc is { } at && settings is not null
            ? $"signed off, to be published {When(at, settings)}"
            : "signed off, not yet published",
        _ => Waiting(definition, instance.State),
    };

    /// <summary>What the next reviewer does from this state: "waiting for a colleague's check", "waiting for approval", "waiting for sign-off".</summary>
    public static string Waiting(WorkflowDefinition definition, string state)
    {
        var next = definition.Transitions.Where(t => t.From.Contains(state)).ToList();
        if (next.Any(t => t.Effect == TransitionEffect.Check))
        {
            return "waiting for a colleague's check";
        }
        if (next.FirstOrDefault(t => t.Effect == TransitionEffect.Approve) is { } approve)
        {
            return IsSignOff(approve) ? "waiting for sign-off" : "waiting for approval";
        }
        return "waiting for review";
    }

    /// <summary>What taking the step does, as the end of "… needs to ___" or "only … can ___".</summary>
    public static string Verb(TransitionDefinition transition) => transition.Effect switch
    {
        TransitionEffect.Submit => "send this for review",
        TransitionEffect.Check => "check this",
        TransitionEffect.Approve => IsSignOff(transition) ? "sign this off" : "approve this",
        TransitionEffect.Return when transition.Rules.Contains("author") => "take this back to draft",
        TransitionEffect.Return => "ask for changes",
        TransitionEffect.Publish => "publish this",
        TransitionEffect.Unpublish => "take this off the site",
        _ => transition.DisplayName.ToLower(CultureInfo.CurrentCulture),
    };

    public static bool IsSignOff(TransitionDefinition transition)
        => transition.Effect == TransitionEffect.Approve && transition.DisplayName.StartsWith("Sign off", StringComparison.OrdinalIgnoreCase);

    /// <summary>A history line's step by its display name; the steps the system takes have their own words.</summary>
    public static string Step(WorkflowDefinition? definition, string transition) => transition switch
    {
        "edited" => "Changed the text, so it went back to draft",
        "publish-alone" => "Published without a second person (allowed for content that shows and names no pupils)",
        "emergency-publish" => "Published as an emergency, without the usual checks",
        "scheduled-publish" => "Published at the planned time",
        "scheduled-publish-failed" => "Not published at the planned time",
        "scheduled-unpublish" => "Taken off the site at the planned time",
        _ => definition?.Transitions.FirstOrDefault(t => t.Name == transition)?.DisplayName ?? transition,
    };

    /// <summary>"on Tuesday 3 March at 09:00", in the school's time zone.</summary>
    public static string When(DateTime utc, SiteSettings settings)
    {
        var local = TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), settings.Zone());
        return "on " + local.ToString("dddd d MMMM yyyy 'at' HH:mm", CultureInfo.GetCultureInfo("en-GB"));
    }

    public static string Capitalise(string text) => text.Length == 0 ? text : char.ToUpper(text[0], CultureInfo.CurrentCulture) + text[1..];
}
