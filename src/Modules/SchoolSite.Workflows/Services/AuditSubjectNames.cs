using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Identity;
using SchoolSite.Consent.Services;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Security;
using SchoolSite.Media.Services;
using SchoolSite.Users.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>
/// Names for the audit trail's subjects: an item's title, a person's name, a picture's alt text, an account's name.
/// It lives here because review already reads content, pictures, people and accounts through their modules' services;
/// the audit trail itself knows only the kernel. Names of people and descriptions of pictures are given only to staff
/// who may see the register or the media library.
/// </summary>
public sealed class AuditSubjectNames(ContentManager content, PeopleRegister people, MediaPictures pictures, UserManager<SchoolUser> users,
    IAuthorizationService authorization) : IAuditSubjectNames
{
    private const int MostLooked = 200;

    public async Task<IReadOnlyDictionary<string, string>> NamesAsync(ClaimsPrincipal user, IReadOnlyCollection<string> subjects)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        var seePeople = await MayAsync(user, Consent.Permissions.ViewPeople);
        var seePictures = seePeople || await MayAsync(user, Media.Permissions.UploadMedia) || await MayAsync(user, Media.Permissions.ConfirmPictures);
        var seeUsers = await MayAsync(user, Users.Permissions.ViewUsers);
        foreach (var subject in subjects.Distinct().Take(MostLooked))
        {
            var (kind, id) = subject.IndexOf(':') is var colon and > 0 ? (subject[..colon], subject[(colon + 1)..]) : (subject, string.Empty);
            var name = kind switch
            {
                // Titles are already in the trail's publishing entries: anyone who may read the trail may read them.
                "content" => (await content.GetAsync(id, VersionOption.Latest))?.DisplayText,
                "person" when seePeople => await people.FindAsync(id) is { } person ? $"{person.PreferredFirstName ?? person.LegalFirstName} {person.LegalLastName}" : null,
                "media" when seePictures => (await pictures.FindAsync(id))?.Name,
                "user" when seeUsers => await users.FindByIdAsync(id) is { } account ? account.DisplayName ?? account.Email : null,
                _ => null,
            };
            if (!string.IsNullOrWhiteSpace(name))
            {
                names[subject] = name;
            }
        }
        return names;
    }

    private async Task<bool> MayAsync(ClaimsPrincipal user, string permission)
        => (await authorization.AuthorizeAsync(user, PermissionRequirement.Policy(permission))).Succeeded;
}
