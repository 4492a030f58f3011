using SchoolSite.Contents.Models;
using SchoolSite.Core.Tenancy;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>Whether one person may publish an item without a colleague's approval, and why (or why not) in plain words.</summary>
public sealed record AloneDecision(bool Allowed, string Reason);

/// <summary>
/// The day-one rule. A school with one member of staff could otherwise publish nothing at all, so its administrator may
/// publish content that pictures and names no pupils alone until colleagues exist; after that only where the school's
/// setting allows it. Content about pupils always needs two people: this never applies to it, whatever the setting.
/// It is asked by the one publish path (the review handler), so the editor's Publish button, the API and the review
/// screen decide alike.
/// </summary>
public sealed class PublishAlone(Escalation escalation, Colleagues colleagues, TenantContext tenant)
{
    /// <summary>Whether the school lets administrators publish alone only because nobody else is on its staff yet.</summary>
    public async Task<bool> OnlyBecauseAloneAsync()
        => !tenant.Shell.Section<WorkflowSettings>().AdministratorPublishesAlone && await colleagues.CountAsync() < 2;

    public async Task<AloneDecision> DecideAsync(string? userId, ContentItem item, WorkflowDefinition definition)
    {
        if (!definition.AdministratorMayPublishAlone)
        {
            return new AloneDecision(false, $"{definition.DisplayName} always needs a second person.");
        }
        if (!await colleagues.IsAdministratorAsync(userId))
        {
            return new AloneDecision(false, "Only an administrator may publish without a colleague's approval.");
        }
        // Pupils always get two people: the same rule that moves such items onto two checks.
        if (await escalation.ReasonAsync(item) is { } pupils)
        {
            return new AloneDecision(false, $"Because {pupils}, two people must look at it before it is published.");
        }
        if (tenant.Shell.Section<WorkflowSettings>().AdministratorPublishesAlone)
        {
            return new AloneDecision(true, "The school lets its administrator publish content that shows and names no pupils alone.");
        }
        return await colleagues.CountAsync() < 2
            ? new AloneDecision(true, "You are the only member of staff so far; review starts once colleagues exist.")
            : new AloneDecision(false, "The school's setting asks for a colleague's approval first.");
    }
}
