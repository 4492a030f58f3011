using Microsoft.AspNetCore.Mvc;
using SchoolSite.Workflows.Services;

namespace SchoolSite.Workflows.Pages.Shared.Components;

/// <summary>The dashboard's "getting started" list, included by the dashboard with one line; nothing once every step is done.</summary>
[ViewComponent(Name = "GettingStarted")]
public sealed class GettingStartedViewComponent(GettingStarted steps, PublishAlone alone) : ViewComponent
{
    public sealed record Model(IReadOnlyList<StartingStep> Steps, bool ReviewWaitsForColleagues);

    public async Task<IViewComponentResult> InvokeAsync()
    {
        var list = await steps.StepsAsync(UserClaimsPrincipal);
        if (list.Count == 0 || list.All(s => s.Done))
        {
            return Content(string.Empty);
        }
        return View(new Model(list, await alone.OnlyBecauseAloneAsync()));
    }
}
