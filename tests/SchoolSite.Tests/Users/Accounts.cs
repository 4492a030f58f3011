using System.Net;
using System.Text.RegularExpressions;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Users;

/// <summary>What the users tests do through the pages: add people, change settings, set up two-factor, make tokens.</summary>
public static partial class Accounts
{
    /// <summary>Adds a user with these roles through the users page; returns their e-mail address.</summary>
    public static async Task<string> CreateAsync(Browser admin, string pathBase, string name, params string[] roles)
    {
        var email = $"{name.ToLowerInvariant()}.{Guid.NewGuid():N}"[..24] + "@school.example";
        var fields = new List<KeyValuePair<string, string>>
        {
            new("Input.DisplayName", name), new("Input.Email", email), new("Input.Password", People.StaffPassword),
        };
        fields.AddRange(roles.Select(r => new KeyValuePair<string, string>("Input.Roles", r)));
        var response = await admin.SubmitAsync($"{pathBase}/admin/users/create", fields);
        var body = await response.Content.ReadAsStringAsync();
        Assert.True(body.Contains("can now sign in"), Browser.ErrorText(body));
        return email;
    }

    public static async Task<string> UserIdAsync(Browser admin, string pathBase, string email)
    {
        var page = await admin.GetPageAsync($"{pathBase}/admin/users");
        var match = Regex.Match(page, $"href=\"{Regex.Escape(pathBase)}/admin/users/([0-9a-f-]+)\">[^<]*</a>\\s*</td>\\s*<td>{Regex.Escape(email)}</td>");
        Assert.True(match.Success, $"{email} is not on the users page.");
        return match.Groups[1].Value;
    }

    /// <summary>The roles the users page lists for this person.</summary>
    public static async Task<string> RolesOfAsync(Browser admin, string pathBase, string email)
    {
        var page = await admin.GetPageAsync($"{pathBase}/admin/users");
        var match = Regex.Match(page, $"<td>{Regex.Escape(email)}</td>\\s*<td>([^<]*)</td>");
        Assert.True(match.Success, $"{email} is not on the users page.");
        return match.Groups[1].Value;
    }

    /// <summary>Saves the settings page with these values changed (ticked boxes stay ticked, other fields keep their values).</summary>
    public static async Task SaveSettingsAsync(Browser head, string pathBase, params (string Name, string Value)[] changes)
    {
        var page = await head.GetPageAsync($"{pathBase}/admin/settings");
        var ticked = TickedBox().Matches(page).Select(m => m.Groups[1].Value).Where(n => changes.All(c => c.Name != n));
        var fields = ticked.Select(n => new KeyValuePair<string, string>(n, "true"))
            .Concat(changes.Where(c => c.Value != "false").Select(c => new KeyValuePair<string, string>(c.Name, c.Value)));
        var saved = await head.SubmitAsync($"{pathBase}/admin/settings", fields);
        var body = await saved.Content.ReadAsStringAsync();
        Assert.True(body.Contains("Settings saved"), Browser.ErrorText(body));
    }

    /// <summary>Sets up an authenticator app on the two-factor page; returns its key and the recovery codes shown.</summary>
    public static async Task<(string Key, IReadOnlyList<string> RecoveryCodes)> EnrolAsync(Browser person, string pathBase)
    {
        var page = await person.GetPageAsync($"{pathBase}/account/two-factor");
        var key = SharedKey().Match(page).Groups[1].Value;
        Assert.NotEmpty(key);
        var enabled = await person.SubmitAsync($"{pathBase}/account/two-factor", [new("Code", Totp.Code(key, DateTimeOffset.UtcNow))],
            $"{pathBase}/account/two-factor?handler=Enable");
        var codes = RecoveryCodes(await enabled.Content.ReadAsStringAsync());
        Assert.Equal(10, codes.Count);
        return (key, codes);
    }

    public static IReadOnlyList<string> RecoveryCodes(string page) => RecoveryCode().Matches(page).Select(m => m.Groups[1].Value).ToList();

    /// <summary>Makes a personal API token on the tokens page; returns the token, shown once.</summary>
    public static async Task<string> CreateTokenAsync(Browser person, string pathBase, string name)
    {
        var created = await person.SubmitAsync($"{pathBase}/account/tokens", [new("Name", name)], $"{pathBase}/account/tokens?handler=Create");
        var token = NewToken().Match(await created.Content.ReadAsStringAsync());
        Assert.True(token.Success, "No new token on the tokens page.");
        return token.Groups[1].Value;
    }

    /// <summary>The row of the tokens table with this name: made, works until and last used (dates only), and state.</summary>
    public static (string Made, string WorksUntil, string LastUsed, string State) TokenRow(string page, string name)
    {
        var match = Regex.Match(page, $"<tr><td>{Regex.Escape(name)}</td><td><code>[^<]*</code></td><td>([^<]*)</td><td>([^<]*)</td>\\s*<td>([^<]*)</td><td>([^<]*)</td>");
        Assert.True(match.Success, $"No token called {name} on the tokens page.");
        static string Date(string shown) => Regex.Replace(shown, " \\d\\d:\\d\\d$", string.Empty);
        return (Date(match.Groups[1].Value), Date(match.Groups[2].Value), Date(match.Groups[3].Value), match.Groups[4].Value);
    }

    /// <summary>A GET with a personal token instead of the session.</summary>
    public static async Task<HttpResponseMessage> GetWithTokenAsync(SchoolSiteFactory factory, string url, string token)
    {
        using var client = factory.CreateClient(new() { AllowAutoRedirect = false });
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Authorization = new("Bearer", token);
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    public static async Task<string> TextAsync(HttpResponseMessage response) => WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());

    [GeneratedRegex("<input type=\"checkbox\" id=\"[^\"]*\" name=\"([^\"]+)\" value=\"true\" checked=\"checked\"")]
    private static partial Regex TickedBox();

    [GeneratedRegex("<code class=\"key\">([a-z0-9 ]+)</code>")]
    private static partial Regex SharedKey();

    [GeneratedRegex("<li><code>([a-zA-Z0-9-]+)</code></li>")]
    private static partial Regex RecoveryCode();

    [GeneratedRegex("<code>(sst_[A-Za-z0-9_-]+)</code>")]
    private static partial Regex NewToken();
}
