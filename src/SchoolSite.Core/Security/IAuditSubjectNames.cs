using System.Security.Claims;

namespace SchoolSite.Core.Security;

/// <summary>
/// What staff know an audited subject by: "content:…" its title, "person:…" the person's name, "media:…" the picture's
/// alt text, "user:…" the account's name. The modules that hold those things answer, and only for someone allowed to
/// see them; the audit trail shows the names beside the ids it keeps.
/// </summary>
public interface IAuditSubjectNames
{
    /// <summary>Names for the subjects this source knows and the user may see; any other subject is left out.</summary>
    Task<IReadOnlyDictionary<string, string>> NamesAsync(ClaimsPrincipal user, IReadOnlyCollection<string> subjects);
}
