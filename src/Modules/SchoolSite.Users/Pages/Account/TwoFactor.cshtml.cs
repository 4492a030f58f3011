using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Users.Models;
using SchoolSite.Users.Services;

namespace SchoolSite.Users.Pages.Account;

/// <summary>Enrol an authenticator app (Identity's TOTP) and keep recovery codes.</summary>
[Feature(Manifest.TwoFactorFeature)]
[AllowBeforeTwoFactor]
public sealed class TwoFactorModel(UserManager<SchoolUser> users, SignInManager<SchoolUser> signIn, TwoFactorChanges changes, TenantContext tenant) : PageModel
{
    [BindProperty(SupportsGet = true)]
    public bool Required { get; set; }

    [BindProperty]
    public string? Code { get; set; }

    /// <summary>The current password or authenticator code that turning it off and new recovery codes need.</summary>
    [BindProperty]
    public string? Proof { get; set; }

    public bool Enabled { get; private set; }
    public string SharedKey { get; private set; } = string.Empty;
    public string AuthenticatorUri { get; private set; } = string.Empty;
    public int RecoveryCodesLeft { get; private set; }
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public async Task<IActionResult> OnGetAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostEnableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        var codes = await changes.EnableAsync(user, Code, Actor.Of(User).Name);
        if (codes is null)
        {
            ModelState.AddModelError(nameof(Code), "That code is not right. Check the key you entered and try the newest code.");
            await LoadAsync(user);
            return Page();
        }
        RecoveryCodes = codes;
        await signIn.RefreshSignInAsync(user);
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostNewCodesAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null || !user.TwoFactorEnabled)
        {
            return RedirectToPage();
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        var (codes, refusal) = await changes.NewRecoveryCodesAsync(user, Proof, Actor.Of(User).Name);
        if (refusal is not null)
        {
            ModelState.AddModelError(nameof(Proof), refusal);
        }
        RecoveryCodes = codes;
        await LoadAsync(user);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync()
    {
        var user = await users.GetUserAsync(User);
        if (user is null)
        {
            return Challenge();
        }
        if (!ModelState.IsValid)
        {
            await LoadAsync(user);
            return Page();
        }
        if (TwoFactorGate.IsRequired(tenant, enrolled: false))
        {
            ModelState.AddModelError(string.Empty, "Your school requires two-factor sign-in; it cannot be turned off. Ask your school's administrator if you need it changed.");
            await LoadAsync(user);
            return Page();
        }
        if (await changes.DisableAsync(user, Proof, Actor.Of(User).Name) is { } refusal)
        {
            ModelState.AddModelError(nameof(Proof), refusal);
            await LoadAsync(user);
            return Page();
        }
        await signIn.RefreshSignInAsync(user);
        return RedirectToPage();
    }

    private async Task LoadAsync(SchoolUser user)
    {
        Required = Required || TwoFactorGate.IsRequired(tenant, enrolled: false);
        Enabled = await users.GetTwoFactorEnabledAsync(user);
        RecoveryCodesLeft = await users.CountRecoveryCodesAsync(user);
        var key = await users.GetAuthenticatorKeyAsync(user);
        if (string.IsNullOrEmpty(key))
        {
            await users.ResetAuthenticatorKeyAsync(user);
            // A new key changes the security stamp: re-issue this session's cookie so it stays valid.
            await signIn.RefreshSignInAsync(user);
            key = await users.GetAuthenticatorKeyAsync(user);
        }
        SharedKey = string.Join(" ", key!.Chunk(4).Select(c => new string(c))).ToLowerInvariant();
        var issuer = UrlEncoder.Default.Encode(tenant.Shell.Settings.SiteName);
        AuthenticatorUri = $"otpauth://totp/{issuer}:{UrlEncoder.Default.Encode(user.Email ?? user.UserName ?? "user")}?secret={key}&issuer={issuer}&digits=6";
    }
}
