using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Core.Modules;
using SchoolSite.Core.Security;
using SchoolSite.Core.Settings;

namespace SchoolSite.TheAdmin.Pages.Admin;

[Feature(Startup.SettingsFeature)]
[Authorize(Policy = PermissionRequirement.PolicyPrefix + CorePermissions.ManageSettings)]
public sealed class SettingsModel(SiteSettingsStore store) : PageModel
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public string? Message { get; private set; }

    public void OnGet()
    {
        var s = store.Current;
        Input = new SettingsInput
        {
            SiteName = s.SiteName,
            TimeZone = s.TimeZone,
            SchoolYearStartDay = s.SchoolYearStartDay,
            SchoolYearStartMonth = s.SchoolYearStartMonth,
            LogoUrl = s.Branding.LogoUrl,
            PrimaryColour = s.Branding.PrimaryColour,
            SecondaryColour = s.Branding.SecondaryColour,
            Address = s.Contact.Address,
            Phone = s.Contact.Phone,
            Email = s.Contact.Email,
            RequireTwoFactorForStaff = s.RequireTwoFactorForStaff,
            PrivacyCheckBlocksPublishing = s.PrivacyCheckBlocksPublishing,
            PictureCacheSeconds = s.PictureCacheSeconds,
            EmergencyPublishEnabled = s.EmergencyPublishEnabled,
            ReviewReminderSchoolDays = s.ReviewReminderSchoolDays,
            PolicyReminderSchoolDays = s.PolicyReminderSchoolDays,
        };
    }

    public async Task<IActionResult> OnPostAsync()
    {
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(Input.TimeZone ?? string.Empty, out _))
        {
            ModelState.AddModelError("Input.TimeZone", $"'{Input.TimeZone}' is not a known time zone; use a name such as Europe/London.");
        }
        if (Input.SchoolYearStartMonth is >= 1 and <= 12 && Input.SchoolYearStartDay > DateTime.DaysInMonth(2023, Input.SchoolYearStartMonth))
        {
            ModelState.AddModelError("Input.SchoolYearStartDay", $"Month {Input.SchoolYearStartMonth} has no day {Input.SchoolYearStartDay}.");
        }
        if (!ModelState.IsValid)
        {
            return Page();
        }
        await store.SaveAsync(store.Current with
        {
            SiteName = Input.SiteName!,
            TimeZone = Input.TimeZone!,
            SchoolYearStartDay = Input.SchoolYearStartDay,
            SchoolYearStartMonth = Input.SchoolYearStartMonth,
            Branding = new Branding { LogoUrl = Input.LogoUrl, PrimaryColour = Input.PrimaryColour!, SecondaryColour = Input.SecondaryColour! },
            Contact = new ContactDetails { Address = Input.Address, Phone = Input.Phone, Email = Input.Email },
            RequireTwoFactorForStaff = Input.RequireTwoFactorForStaff,
            PrivacyCheckBlocksPublishing = Input.PrivacyCheckBlocksPublishing,
            PictureCacheSeconds = Input.PictureCacheSeconds,
            EmergencyPublishEnabled = Input.EmergencyPublishEnabled,
            ReviewReminderSchoolDays = Input.ReviewReminderSchoolDays,
            PolicyReminderSchoolDays = Input.PolicyReminderSchoolDays,
        });
        Message = "Settings saved.";
        return Page();
    }

    public sealed class SettingsInput
    {
        [Required(ErrorMessage = "Enter the site's name."), StringLength(200)]
        public string? SiteName { get; set; }

        [Required(ErrorMessage = "Enter a time zone.")]
        public string? TimeZone { get; set; }

        [Range(1, 31, ErrorMessage = "The day must be between 1 and 31.")]
        public int SchoolYearStartDay { get; set; } = 1;

        [Range(1, 12, ErrorMessage = "The month must be between 1 and 12.")]
        public int SchoolYearStartMonth { get; set; } = 9;

        [Url(ErrorMessage = "Enter a full web address for the logo.")]
        public string? LogoUrl { get; set; }

        [Required, RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "Use a colour such as #1d4f91.")]
        public string? PrimaryColour { get; set; }

        [Required, RegularExpression("^#[0-9a-fA-F]{6}$", ErrorMessage = "Use a colour such as #f2b705.")]
        public string? SecondaryColour { get; set; }

        public string? Address { get; set; }
        public string? Phone { get; set; }

        [EmailAddress(ErrorMessage = "Enter a valid e-mail address.")]
        public string? Email { get; set; }

        public bool RequireTwoFactorForStaff { get; set; }

        public bool PrivacyCheckBlocksPublishing { get; set; }

        [Range(0, 3600, ErrorMessage = "Give between 0 and 3600 seconds.")]
        public int PictureCacheSeconds { get; set; } = 60;

        public bool EmergencyPublishEnabled { get; set; }

        [Range(1, 30, ErrorMessage = "Give between 1 and 30 school days.")]
        public int ReviewReminderSchoolDays { get; set; } = 2;

        [Range(1, 60, ErrorMessage = "Give between 1 and 60 school days.")]
        public int PolicyReminderSchoolDays { get; set; } = 5;
    }
}
