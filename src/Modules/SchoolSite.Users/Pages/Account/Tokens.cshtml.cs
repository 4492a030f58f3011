using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Users.Models;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Pages.Account;

/// <summary>Any signed-in user may make tokens for themselves; a token never holds more than its user.</summary>
public sealed class TokensModel(PersonalTokens tokens, UserManager<SchoolUser> users) : PageModel
{
    [BindProperty, Required(ErrorMessage = "Say what the token is for."), StringLength(200)]
    public string? Name { get; set; }

    public IReadOnlyList<PersonalToken> Tokens { get; private set; } = [];
    public string? NewToken { get; private set; }

    private string UserId => users.GetUserId(User)!;

    public async Task OnGetAsync() => Tokens = await tokens.OfAsync(UserId);

    public async Task<IActionResult> OnPostCreateAsync()
    {
        if (ModelState.IsValid)
        {
            NewToken = await tokens.CreateAsync(UserId, Name!);
            Name = null;
            ModelState.Clear();
        }
        Tokens = await tokens.OfAsync(UserId);
        return Page();
    }

    public async Task<IActionResult> OnPostRevokeAsync(int id)
    {
        await tokens.RevokeAsync(UserId, id);
        return RedirectToPage();
    }
}
