using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Provisioning;
using SchoolSite.Core.Recipes;
using SchoolSite.Core.Security;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tenants.Endpoints;

namespace SchoolSite.Tenants.Pages.Admin.Tenants;

[HostOnly]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + Permissions.ManageTenants)]
public sealed class IndexModel(TenantRegistry registry, TenantProvisioner provisioner, RecipeLibrary recipes) : PageModel
{
    /// <summary>Maps a form field to the request field the provisioner names in its errors.</summary>
    private static readonly Dictionary<string, string> Fields = new(StringComparer.OrdinalIgnoreCase)
    {
        ["name"] = "Input.Name", ["displayName"] = "Input.DisplayName", ["prefix"] = "Input.Prefix", ["recipe"] = "Input.Recipe",
        ["adminEmail"] = "Input.AdminEmail", ["adminPassword"] = "Input.AdminPassword",
    };

    [BindProperty]
    public CreateInput Input { get; set; } = new();

    public IReadOnlyList<TenantInfo> Tenants { get; private set; } = [];
    public IReadOnlyList<string> Recipes { get; private set; } = [];
    public string? Message { get; private set; }
    public string? GeneratedPassword { get; private set; }

    /// <summary>The school whose disabling waits for a second "yes" (the confirmation step).</summary>
    public TenantInfo? Confirming { get; private set; }

    public string UrlOf(TenantInfo tenant) => TenantsApi.UrlOf(HttpContext, tenant);

    public void OnGet() => Load();

    /// <summary>The first click on Disable: say what it does and ask again, before anything changes.</summary>
    public IActionResult OnGetDisable(string name)
    {
        if (registry.Find(name) is not { IsHost: false, State: TenantState.Running } tenant)
        {
            return RedirectToPage();
        }
        Confirming = tenant;
        return Page();
    }

    public async Task<IActionResult> OnPostCreateAsync()
    {
        Load();
        if (!ModelState.IsValid)
        {
            return Page();
        }
        var result = await provisioner.ProvisionAsync(new TenantRequest
        {
            Name = Input.Name?.Trim(),
            DisplayName = Input.DisplayName?.Trim(),
            Prefix = Input.Prefix,
            Hosts = (Input.Hosts ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            Recipe = Input.Recipe,
            AdminEmail = Input.AdminEmail?.Trim(),
            AdminPassword = Input.AdminPassword,
        }, TrustCaller.Of(HttpContext), HttpContext.RequestAborted);
        if (!result.Succeeded)
        {
            foreach (var (field, messages) in result.Errors)
            {
                var key = Fields.GetValueOrDefault(field) ?? (field.StartsWith("hosts") ? "Input.Hosts" : string.Empty);
                foreach (var message in messages)
                {
                    ModelState.AddModelError(key, message);
                }
            }
            return Page();
        }
        Message = $"{Input.DisplayName} is ready.";
        GeneratedPassword = result.GeneratedAdminPassword;
        Input = new CreateInput();
        ModelState.Clear();
        Load();
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(string name) => await SetStateAsync(name, TenantState.Disabled);

    public async Task<IActionResult> OnPostEnableAsync(string name) => await SetStateAsync(name, TenantState.Running);

    private async Task<IActionResult> SetStateAsync(string name, TenantState state)
    {
        var tenant = registry.Find(name);
        if (tenant is null || tenant.IsHost)
        {
            return NotFound();
        }
        // The create form is bound on every post of this page: with no "Input." fields, model binding falls back to the
        // names it finds (this form's "name"), which filled the form with this school's name and errors nobody caused.
        ModelState.Clear();
        Input = new CreateInput();
        await provisioner.SetStateAsync(name, state, TrustCaller.Of(HttpContext), HttpContext.RequestAborted);
        Message = $"{tenant.DisplayName} is now {(state == TenantState.Disabled ? "disabled" : "running")}.";
        Load();
        return Page();
    }

    private void Load()
    {
        Tenants = registry.Schools.OrderBy(t => t.DisplayName).ToList();
        Recipes = recipes.ForSchools().Select(r => r.Name).ToList();
        Input.Recipe ??= Recipes.Contains("school") ? "school" : Recipes.FirstOrDefault();
    }

    public sealed class CreateInput
    {
        [Required(ErrorMessage = "Enter a short name, e.g. oakwood.")]
        [Display(Name = "Short name")]
        public string? Name { get; set; }

        [Required(ErrorMessage = "Enter the school's name.")]
        [Display(Name = "School name")]
        public string? DisplayName { get; set; }

        public string? Prefix { get; set; }
        public string? Hosts { get; set; }

        [Required(ErrorMessage = "Choose a recipe.")]
        public string? Recipe { get; set; }

        [Required(ErrorMessage = "Enter the administrator's e-mail address.")]
        [Display(Name = "Administrator's e-mail")]
        public string? AdminEmail { get; set; }

        [DataType(DataType.Password)]
        public string? AdminPassword { get; set; }
    }
}
