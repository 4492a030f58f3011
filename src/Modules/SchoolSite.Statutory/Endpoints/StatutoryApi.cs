using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Routing;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Statutory.Services;

namespace SchoolSite.Statutory.Endpoints;

/// <summary>
/// The checklists as JSON: a school's own (<c>GET /api/statutory</c>, for its staff or their tokens) and the trust's
/// overview (<c>GET /api/trust/statutory</c>, for the trust's staff or its API keys), for a trust's own reporting.
/// </summary>
public static class StatutoryApi
{
    public static void Map(IEndpointRouteBuilder endpoints)
    {
        endpoints.MapGet("/api/statutory", SchoolAsync)
            .WithMetadata(new SchoolOnlyAttribute(), new FeatureAttribute(Manifest.StatutoryFeature))
            .RequireAuthorization(new AuthorizeAttribute(PermissionRequirement.Policy(Permissions.ViewChecklist)) { AuthenticationSchemes = ApiAuthentication.Schemes });
        endpoints.MapGet("/api/trust/statutory", TrustAsync)
            .WithMetadata(new HostOnlyAttribute())
            .RequireAuthorization(new AuthorizeAttribute(PermissionRequirement.Policy(Permissions.ViewTrustOverview))
            {
                AuthenticationSchemes = $"{IdentityConstants.ApplicationScheme},TrustApiKey",
            });
    }

    private static async Task<IResult> SchoolAsync(Checklist checklist)
    {
        var report = await checklist.ReportAsync();
        var school = checklist.School;
        return Results.Json(new
        {
            phase = school.Phase, type = school.Type, sixthForm = school.SixthForm, today = checklist.Today.ToString("yyyy-MM-dd"),
            counts = Counts(report),
            requirements = report.Rows.Select(r => new
            {
                key = r.Requirement.Key, title = r.Requirement.Title, status = Status(r.State),
                nextReview = r.NextReview?.ToString("yyyy-MM-dd"), review = r.Requirement.ReviewWords,
                metBy = r.Evidence.Where(e => e.Published).Select(e => new
                {
                    title = e.Title, url = e.Url, outside = e.Outside, reviewed = e.Reviewed?.ToString("yyyy-MM-dd"), nextReview = e.NextReview?.ToString("yyyy-MM-dd"),
                }),
            }),
        });
    }

    private static async Task<IResult> TrustAsync(TrustOverview overview, HttpContext http)
    {
        var schools = await overview.SchoolsAsync(http.RequestAborted);
        return Results.Json(new
        {
            requirements = (await overview.RequirementsAsync()).Select(r => new { key = r.Key, title = r.Title }),
            schools = schools.Select(s => new
            {
                name = s.School.Name, displayName = s.School.DisplayName, compliant = s.Compliant, applicable = s.Applicable,
                counts = s.Report is { } report ? Counts(report) : null, unavailable = s.Unavailable,
                requirements = s.Report?.Rows.ToDictionary(r => r.Requirement.Key, r => Status(r.State)),
            }),
            history = (await overview.HistoryAsync()).Select(d => new { day = d.Day, compliant = d.Met, applicable = d.Applicable }),
        });
    }

    private static object Counts(ChecklistReport report) => new
    {
        met = report.Count(RequirementState.Met), due = report.Count(RequirementState.Due),
        overdue = report.Count(RequirementState.Overdue), missing = report.Count(RequirementState.Missing),
    };

    /// <summary>met, due, overdue, missing: the words of the API and of the CSV export.</summary>
    public static string Status(RequirementState state) => state.ToString().ToLowerInvariant();
}
