using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.AuditTrail.Models;
using SchoolSite.AuditTrail.Services;
using SchoolSite.Core.Tenancy;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Tenants;

/// <summary>
/// Changes that decide how safe a site is are audited with who made them, whichever way they are made: a school's
/// settings and features in the school's trail (its audit page), the trust's API keys and its school sites in the
/// trust's own trail. The trust has no audit page (the page is a school's), so its trail is read through the trail's
/// own query.
/// </summary>
public sealed partial class AuditedChangesTests : IAsyncLifetime
{
    private const string SchoolHead = "\"School administrator\"";
    private const string TrustAdmin = "Trust administrator";

    private readonly SchoolSiteFactory _factory = new(TestDatabase.Sqlite);

    public async Task InitializeAsync()
    {
        _ = _factory.Server;
        await _factory.CreateSchoolAsync("alpha", "Alpha Primary", "alpha");
    }

    public async Task DisposeAsync() => await _factory.DisposeAsync();

    [Fact]
    public async Task A_settings_change_is_in_the_schools_trail_with_who_and_each_changed_settings_old_and_new_value()
    {
        using var head = await _factory.AlphaHeadAsync();
        var saved = await head.SubmitAsync("/alpha/admin/settings", ("Input.SiteName", "Alpha Primary School"), ("Input.PrivacyCheckBlocksPublishing", "true"));
        Assert.Contains("Settings saved.", await saved.Content.ReadAsStringAsync());

        // Set-up and the recipe are in the trail too, as "system" and "recipe"; these are the head's.
        var privacy = Single(await TrailAsync(head, "settings:Privacy check"), SchoolHead + ",\"settings\",\"changed\"");
        Assert.Contains("stop publishing, not only warn: off\"", privacy);
        Assert.Contains("stop publishing, not only warn: on\"", privacy);
        var school = Single(await TrailAsync(head, "settings:School"), SchoolHead + ",\"settings\",\"changed\"");
        Assert.Contains("\"Site name: Alpha Primary\",\"Site name: Alpha Primary School\"", school);
        Assert.DoesNotContain("Time zone", school);
    }

    [Fact]
    public async Task Disabling_and_enabling_a_feature_is_in_the_schools_trail_with_who()
    {
        using var head = await _factory.AlphaHeadAsync();
        const string twoFactor = "SchoolSite.Users.TwoFactor";
        var off = await head.SubmitAsync("/alpha/admin/features", [new("id", twoFactor)], "/alpha/admin/features?handler=Disable");
        Assert.Contains("Disabled: Two-factor sign-in.", await off.Content.ReadAsStringAsync());
        var on = await head.SubmitAsync("/alpha/admin/features", [new("id", twoFactor)], "/alpha/admin/features?handler=Enable");
        Assert.Contains("Enabled: Two-factor sign-in.", await on.Content.ReadAsStringAsync());

        var rows = await TrailAsync(head, "feature:" + twoFactor);
        Assert.Contains("\"Two-factor sign-in\"", Single(rows, SchoolHead + ",\"features\",\"disabled\""));
        Assert.Contains("\"Two-factor sign-in\"", Single(rows, SchoolHead + ",\"features\",\"enabled\""));
        Assert.Contains("\"recipe\",\"features\",\"enabled\"", rows[0]);
    }

    [Fact]
    public async Task Creating_and_revoking_api_keys_is_in_the_trusts_trail_by_dashboard_and_command_line()
    {
        using var trust = await _factory.SignedInAsync(string.Empty, SchoolSiteFactory.TrustAdminEmail, SchoolSiteFactory.TrustAdminPassword);
        var created = await (await trust.SubmitAsync("/admin/api-keys", [new("Name", "MIS integration")], "/admin/api-keys?handler=Create")).Content.ReadAsStringAsync();
        var key = KeyShown().Match(created).Groups[1].Value;
        var id = KeyId().Match(created).Groups[1].Value;
        Assert.Equal(HttpStatusCode.Redirect, (await trust.SubmitAsync("/admin/api-keys", [new("id", id)], "/admin/api-keys?handler=Revoke")).StatusCode);
        Assert.Equal(0, (await Cli.RunAsync(_factory, "apikeys", "create", "--name", "Backup job")).ExitCode);

        var entries = (await TrustTrailAsync()).Where(e => e.Category == "api-keys").ToList();
        Assert.Collection(entries,
            e => Assert.Equal(("created", TrustAdmin, $"api-key:{id}"), (e.Action, e.Actor, e.Subject)),
            e => Assert.Equal(("revoked", TrustAdmin, $"api-key:{id}"), (e.Action, e.Actor, e.Subject)),
            e => Assert.Equal(("created", "command line"), (e.Action, e.Actor)));
        Assert.StartsWith("MIS integration (ssk_", entries[0].After);
        Assert.DoesNotContain(entries, e => (e.After ?? string.Empty).Contains(key[10..], StringComparison.Ordinal));
    }

    [Fact]
    public async Task Creating_disabling_and_enabling_a_school_is_in_the_trusts_trail_whoever_asks()
    {
        using var trust = await _factory.SignedInAsync(string.Empty, SchoolSiteFactory.TrustAdminEmail, SchoolSiteFactory.TrustAdminPassword);
        var created = await trust.Http.PostAsJsonAsync("/api/tenants", new
        {
            name = "oakwood", displayName = "Oakwood Primary", prefix = "oakwood", hosts = Array.Empty<string>(), recipe = "school-site",
            adminEmail = "head@oakwood.example", adminPassword = "oakwood school password",
        });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var disabled = await trust.SubmitAsync("/admin/tenants", [new("name", "oakwood")], "/admin/tenants?handler=Disable");
        Assert.Contains("Oakwood Primary is now disabled.", await disabled.Content.ReadAsStringAsync());
        Assert.Equal(0, (await Cli.RunAsync(_factory, "tenants", "enable", "oakwood")).ExitCode);

        var entries = (await TrustTrailAsync()).Where(e => e.Subject == "tenant:oakwood").ToList();
        Assert.Collection(entries,
            e => Assert.Equal(("tenants", "created", TrustAdmin), (e.Category, e.Action, e.Actor)),
            e => Assert.Equal(("disabled", TrustAdmin, "Running", "Disabled"), (e.Action, e.Actor, e.Before, e.After)),
            e => Assert.Equal(("enabled", "command line", "Disabled", "Running"), (e.Action, e.Actor, e.Before, e.After)));
        Assert.Equal("Oakwood Primary at /oakwood/, from the recipe 'school-site'", entries[0].After);
    }

    private static async Task<List<string>> TrailAsync(Browser head, string subject)
    {
        var csv = await head.Http.GetStringAsync($"/alpha/admin/audit?handler=Csv&subject={Uri.EscapeDataString(subject)}");
        return csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Skip(1).ToList();
    }

    private static string Single(List<string> rows, string kind)
    {
        var matching = rows.Where(r => r.Contains(kind, StringComparison.Ordinal)).ToList();
        Assert.True(matching.Count == 1, $"Expected one {kind} entry, found {matching.Count}:\n{string.Join("\n", rows)}");
        return matching[0];
    }

    private async Task<List<AuditEvent>> TrustTrailAsync()
    {
        var registry = _factory.Services.GetRequiredService<TenantRegistry>();
        await using var scope = await _factory.Services.GetRequiredService<TenantScopes>().EnterAsync(registry.HostTenant);
        return await scope.ServiceProvider.GetRequiredService<AuditChain>().Query().OrderBy(e => e.Sequence).ToListAsync();
    }

    [GeneratedRegex("<code>(ssk_[^<]+)</code>")]
    private static partial Regex KeyShown();

    // The list links each key's Revoke to its confirmation step (?handler=Revoke&id=…).
    [GeneratedRegex("handler=Revoke&amp;id=(\\d+)")]
    private static partial Regex KeyId();
}
