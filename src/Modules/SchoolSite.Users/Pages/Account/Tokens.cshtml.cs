using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Security;
using SchoolSite.Users.Models;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Pages.Account;

/// <summary>Any signed-in user may make tokens for themselves; a token never holds more than its user, and stops working when it expires.</summary>
public sealed class TokensModel(PersonalTokens tokens, UserManager<SchoolUser> users, TimeProvider time) : PageModel
{
    public sealed record Row(int Id, string Name, string Preview, DateTime Created, DateTime Expires, DateTime? LastUsed, string State, bool CanRevoke);

    [BindProperty, Required(ErrorMessage = "Say what the token is for."), StringLength(200)]
    public string? Name { get; set; }

    public IReadOnlyList<Row> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }
    public DateTime? NewTokenExpires { get; private set; }

    private string UserId => users.GetUserId(User)!;

    public async Task OnGetAsync() => await LoadAsync();

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ModelState.IsValid)
        {
            var (token, record) = await tokens.CreateAsync(UserId, Name!, Actor.Of(User).Name);
            NewToken = token;
            NewTokenExpires = tokens.Local(record.ExpiresUtc);
            Name = null;
            ModelState.Clear();
        }
        await LoadAsync();
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        await tokens.RevokeAsync(UserId, id, Actor.Of(User).Name);
        return RedirectToPage();
    }

    private async Task LoadAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        Tokens = (await tokens.OfAsync(UserId))
            .Select(t => new Row(t.Id, t.Name, t.Preview, tokens.Local(t.CreatedUtc), tokens.Local(t.ExpiresUtc),
                t.LastUsedUtc is { } used ? tokens.Local(used) : null,
                t.Revoked ? "Revoked" : t.IsExpiredAt(now) ? "Expired" : "Active", !t.Revoked && !t.IsExpiredAt(now)))
            .ToList();
    }
}
