using System.Net.Http.Json;
using System.Text.Json.Nodes;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Host;

public enum BodyKind { None, Json, Multipart, Csv }

/// <summary>
/// A valid request to one write endpoint: the malformed requests are made from it. <see cref="Url"/> makes the address
/// (ids of things made for it); the body may hold {unique} (fresh each time), {person}, {media}, and "{revision}"
/// (the content item's current revision, as a number). <see cref="Expect"/> is what the valid request answers: anything
/// but a refusal of its input, so that the malformed ones are known to reach the endpoint's checks.
/// </summary>
public sealed record WriteExample(BodyKind Kind, Func<SweepSchool, Task<string>> Url, int Expect, string? Body = null,
    string[]? Required = null, string[]? Choices = null, bool Trust = false)
{
    public IReadOnlySet<string> RequiredPaths => (Required ?? []).ToHashSet();

    public IReadOnlySet<string> ChoicePaths => (Choices ?? []).ToHashSet();
}

/// <summary>
/// One valid example per write endpoint of the installation. A new endpoint without an example here fails the sweep:
/// add one, and the sweep sends it every malformed request.
/// </summary>
public static class WriteEndpointExamples
{
    private static readonly string[] CsvHeader = ["External Id", "Legal Forename", "Legal Surname", "Preferred Name", "Kind", "Year Group", "Reg Group"];

    public static readonly IReadOnlyDictionary<string, WriteExample> All = new Dictionary<string, WriteExample>
    {
        ["POST /api/content"] = new(BodyKind.Json, _ => Task.FromResult("/api/content"), 201, """
            {"ContentType":"Page","TitlePart":{"Title":"Sweep {unique}"},"AutoroutePart":{"Path":""},"HtmlBodyPart":{"Html":"<p>Text</p>"},
             "Page":{"UsedElsewhere":{"Text":"In the newsletter"},"Pictures":{"MediaIds":["{media}"]}}}
            """, Required: ["ContentType", "TitlePart.Title"], Choices: ["ContentType"]),
        ["PUT /api/content/{id}"] = new(BodyKind.Json, async s => $"/api/content/{await s.PageAsync()}", 200, """
            {"Revision":"{revision}","TitlePart":{"Title":"Sweep {unique}"},"HtmlBodyPart":{"Html":"<p>Changed</p>"},"Page":{"UsedElsewhere":{"Text":"No"}}}
            """, Required: ["Revision", "TitlePart.Title"]),
        ["POST /api/content/{id}/publish"] = new(BodyKind.None, async s => $"/api/content/{await s.PageAsync()}/publish", 200),
        ["POST /api/content/{id}/unpublish"] = new(BodyKind.None, async s => $"/api/content/{await s.PageAsync()}/unpublish", 200),
        ["DELETE /api/content/{id}"] = new(BodyKind.None, async s => $"/api/content/{await s.PageAsync()}", 200),
        ["POST /api/content/{id}/workflow/schedule"] = new(BodyKind.Json, async s => $"/api/content/{await s.PageAsync()}/workflow/schedule", 404, """
            {"publishAt":"2031-06-12T09:30:00Z","unpublishAt":"2031-07-12T09:30:00Z"}
            """),
        ["POST /api/content/{id}/workflow/emergency-publish"] = new(BodyKind.Json,
            async s => $"/api/content/{await s.PageAsync()}/workflow/emergency-publish", 403, """{"comment":"Snow day: the school is closed"}"""),
        ["POST /api/content/{id}/workflow/{transition}"] = new(BodyKind.Json, async s => $"/api/content/{await s.PageAsync()}/workflow/submit", 404, """
            {"comment":"Ready for a check","revision":1,"version":"v1"}
            """),
        ["POST /api/editor/links"] = new(BodyKind.Json, _ => Task.FromResult("/api/editor/links"), 200, """
            {"area":"Text","html":"<p><a href=\"/alpha/clbus\">Clubs</a></p>","menu":[{"Text":"Clubs","Url":"/clbus","Items":[{"Text":"Gone","ContentItemId":"nosuchitem00"}]}]}
            """),
        ["POST /api/media"] = new(BodyKind.Multipart, _ => Task.FromResult("/api/media"), 201),
        ["PUT /api/media/{id}"] = new(BodyKind.Json, async s => $"/api/media/{await s.PictureAsync()}", 200, """
            {"altText":"Pond dipping","caption":"Year 4 at the pond","people":["{person}"],"noIdentifiablePeople":false,"reason":"Named by the class teacher"}
            """),
        ["POST /api/media/{id}/confirm"] = new(BodyKind.None, async s => $"/api/media/{await s.PictureAsync()}/confirm", 409),
        ["POST /api/media/{id}/reject"] = new(BodyKind.None, async s => $"/api/media/{await s.PictureAsync()}/reject", 409),
        ["POST /api/people"] = new(BodyKind.Json, _ => Task.FromResult("/api/people"), 201, """
            {"externalId":"mis-{unique}","kind":"Pupil","legalFirstName":"Ada","legalLastName":"North","preferredFirstName":"Addie",
             "yearGroup":"Year 4","className":"4B","status":"OnRoll","neverPublish":false,"privateLikePupil":false}
            """, Required: ["externalId", "legalFirstName", "legalLastName"], Choices: ["kind", "status"]),
        ["PUT /api/people/{id}"] = new(BodyKind.Json, async s => $"/api/people/{await s.PupilAsync()}", 200, """
            {"externalId":"mis-{unique}","kind":"Pupil","legalFirstName":"Ada","legalLastName":"North","preferredFirstName":"Addie",
             "yearGroup":"Year 4","className":"4B","status":"OnRoll","neverPublish":false,"privateLikePupil":false}
            """, Choices: ["kind", "status"]),
        ["POST /api/people/{id}/consents"] = new(BodyKind.Json, async s => $"/api/people/{await s.PupilAsync()}/consents", 201, """
            {"purpose":"website","status":"Granted","givenBy":"Mrs North","method":"paper form","note":"Signed at parents' evening"}
            """, Required: ["purpose", "status"], Choices: ["purpose", "status"]),
        ["POST /api/people/{id}/links"] = new(BodyKind.Json, async s => $"/api/people/{await s.PupilAsync()}/links", 201, """
            {"carerName":"Mrs North","days":14}
            """, Required: ["carerName"]),
        ["DELETE /api/people/{id}/links/{linkId}"] = new(BodyKind.None, async s => $"/api/people/{await s.PupilAsync()}/links/{await s.LinkAsync()}", 204),
        ["PUT /api/people/{id}/contacts"] = new(BodyKind.Json, async s => $"/api/people/{await s.PupilAsync()}/contacts", 200, """
            {"contacts":[{"name":"Mrs North","relationship":"Mother","email":"north@family.example","phone":"01234 567890","parentalResponsibility":true,
              "doNotContact":false,"doNotContactReason":null}]}
            """),
        ["POST /api/consent/rounds"] = new(BodyKind.Json, async s => { await s.CloseRoundAsync(); return "/api/consent/rounds"; }, 201, """
            {"schoolYear":"{schoolYear}","closes":"{inTwoWeeks}","message":"Every year we ask how we may use photographs of your child."}
            """, Required: ["schoolYear", "closes", "message"]),
        ["POST /api/consent/rounds/{id}/close"] = new(BodyKind.None, _ => Task.FromResult("/api/consent/rounds/no-such-round/close"), 404),
        ["POST /api/people/import"] = new(BodyKind.Csv, _ => Task.FromResult("/api/people/import"), 200, Choices: ["Kind"]),
        ["POST /api/takedown/{taskId}/done"] = new(BodyKind.Json, _ => Task.FromResult("/api/takedown/no-such-task/done"), 404, """
            {"note":"Taken down from the newsletter"}
            """),
        ["POST /api/policies/{id}/acknowledge"] = new(BodyKind.Json, async s => $"/api/policies/{(await s.PolicyAsync()).Id}/acknowledge", 200, """
            {"version":"{policyVersion}"}
            """, Required: ["version"]),
        ["POST /api/tenants"] = new(BodyKind.Json, _ => Task.FromResult("/api/tenants"), 201, """
            {"name":"s{unique}","displayName":"Sweep School","prefix":"s{unique}","hosts":["s{unique}.example"],"recipe":"school-site",
             "adminEmail":"head@s{unique}.example","adminPassword":"a long school password"}
            """, Required: ["name", "displayName", "recipe", "adminEmail"], Choices: ["recipe"], Trust: true),
        ["POST /api/tenants/{name}/disable"] = new(BodyKind.None, _ => Task.FromResult("/api/tenants/beta/disable"), 200, Trust: true),
        ["POST /api/tenants/{name}/enable"] = new(BodyKind.None, _ => Task.FromResult("/api/tenants/beta/enable"), 200, Trust: true),
    };

    public static IEnumerable<Malformed> Malformed(WriteExample example, string pattern, string url) => example.Kind switch
    {
        BodyKind.Json => MalformedRequests.Json(example.Body!, example.RequiredPaths, example.ChoicePaths).Concat(MalformedRequests.Paths(pattern, url)),
        BodyKind.Multipart => MalformedUploads.Multipart(PictureFields, "file", Media.TestImages.Jpeg(32, 24)),
        BodyKind.Csv => MalformedUploads.Csv(CsvHeader, CsvRow, example.ChoicePaths),
        _ => MalformedRequests.Paths(pattern, url),
    };

    /// <summary>The valid request's body.</summary>
    public static HttpContent? Valid(WriteExample example) => example.Kind switch
    {
        BodyKind.Json => new StringContent(example.Body!, System.Text.Encoding.UTF8, "application/json"),
        BodyKind.Multipart => MalformedUploads.Content(MalformedUploads.MultipartBody(PictureFields, "file", Media.TestImages.Jpeg(32, 24))),
        BodyKind.Csv => new StringContent(string.Join(',', CsvHeader) + "\r\n" + string.Join(',', CsvRow()) + "\r\n", System.Text.Encoding.UTF8, "text/csv"),
        _ => null,
    };

    private static readonly (string, string)[] PictureFields = [("altText", "Sports day"), ("caption", "The relay race"), ("folder", "sweep")];

    private static string[] CsvRow() => ["mis-" + Guid.NewGuid().ToString("N")[..8], "Ada", "North", "Addie", "Pupil", "Year 4", "4B"];
}

/// <summary>The school the sweep works in: alpha, with a pupil, a picture, a page, a carer link and a policy made through the API.</summary>
public sealed class SweepSchool(Browser head)
{
    public const string PathBase = "/alpha";

    private string? _pupil, _picture;
    private (string Id, int Version)? _policy;

    public async Task<string> PupilAsync() => _pupil ??= await Register.PupilAsync(head, PathBase, "Sweep", "Pupil");

    public async Task<string> PictureAsync()
        => _picture ??= (await MediaUploads.UploadAsync(head, PathBase, Media.TestImages.Jpeg(32, 24), "A sweep picture")).GetProperty("id").GetString()!;

    /// <summary>A new page each time: publishing and deleting use up their item.</summary>
    public async Task<string> PageAsync()
        => (await new ContentApiClient(head, PathBase).CreateOrFailAsync(ContentApiClient.Page("Sweep page " + Guid.NewGuid().ToString("N")[..6])))["ContentItemId"]!
            .GetValue<string>();

    public async Task<string> LinkAsync()
    {
        var response = await head.Http.PostAsJsonAsync($"{PathBase}/api/people/{await PupilAsync()}/links", new { carerName = "Mr North", days = 7 });
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    public async Task<(string Id, int Version)> PolicyAsync()
    {
        if (_policy is null)
        {
            var policy = (await head.Http.GetFromJsonAsync<JsonArray>($"{PathBase}/api/policies"))!.First(p => p!["requiresAcknowledgement"]!.GetValue<bool>())!;
            _policy = (policy["id"]!.GetValue<string>(), policy["version"]!.GetValue<int>());
        }
        return _policy.Value;
    }

    /// <summary>Closes the consent round a previous request opened, so that starting one is valid again.</summary>
    public async Task CloseRoundAsync()
    {
        if ((await head.Http.GetAsync($"{PathBase}/api/consent/rounds/current")) is { IsSuccessStatusCode: true } current
            && (await current.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>() is { } id)
        {
            await head.Http.PostAsync($"{PathBase}/api/consent/rounds/{id}/close", null);
        }
    }

    /// <summary>The body with its placeholders filled in for one request.</summary>
    public async Task<string> FillAsync(string body, string url)
    {
        var unique = Guid.NewGuid().ToString("N")[..8];
        body = body.Replace("{unique}", unique, StringComparison.Ordinal);
        // A consent round: for this school year (England's, from 1 September), closing in a fortnight.
        var today = DateTime.UtcNow;
        body = body.Replace("\"{schoolYear}\"", (today.Month >= 9 ? today.Year : today.Year - 1).ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{inTwoWeeks}", DateOnly.FromDateTime(today.AddDays(14)).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (body.Contains("{person}", StringComparison.Ordinal))
        {
            body = body.Replace("{person}", await PupilAsync(), StringComparison.Ordinal);
        }
        if (body.Contains("{media}", StringComparison.Ordinal))
        {
            body = body.Replace("{media}", await PictureAsync(), StringComparison.Ordinal);
        }
        if (body.Contains("\"{policyVersion}\"", StringComparison.Ordinal))
        {
            body = body.Replace("\"{policyVersion}\"", (await PolicyAsync()).Version.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
        }
        if (body.Contains("\"{revision}\"", StringComparison.Ordinal))
        {
            var item = await head.Http.GetFromJsonAsync<JsonObject>($"{PathBase}{url}?version=latest");
            body = body.Replace("\"{revision}\"", item!["Revision"]!.ToJsonString(), StringComparison.Ordinal);
        }
        return body;
    }
}
