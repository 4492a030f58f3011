using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace SchoolSite.Tests.Infrastructure;

/// <summary>Uploading and describing pictures through the media API, as a school's staff would.</summary>
public static class MediaUploads
{
    public static Task<HttpResponseMessage> PostAsync(Browser browser, string pathBase, byte[] bytes, string fileName, params (string Name, string Value)[] fields)
    {
        var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/jpeg");
        form.Add(file, "file", fileName);
        foreach (var (name, value) in fields)
        {
            form.Add(new StringContent(value), name);
        }
        return browser.Http.PostAsync($"{pathBase}/api/media", form);
    }

    /// <summary>Uploads a picture and returns its media item.</summary>
    public static async Task<JsonElement> UploadAsync(Browser browser, string pathBase, byte[] bytes, string? altText)
    {
        var response = altText is null
            ? await PostAsync(browser, pathBase, bytes, "picture.jpg")
            : await PostAsync(browser, pathBase, bytes, "picture.jpg", ("altText", altText));
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    /// <summary>Uploads a picture with alt text, tags the people in it, and returns its public URL.</summary>
    public static async Task<string> PictureOfAsync(Browser browser, string pathBase, byte[] bytes, string altText, params string[] people)
    {
        var item = await UploadAsync(browser, pathBase, bytes, altText);
        var described = await browser.Http.PutAsJsonAsync($"{pathBase}/api/media/{item.GetProperty("id").GetString()}", new { people });
        Assert.Equal(System.Net.HttpStatusCode.OK, described.StatusCode);
        return item.GetProperty("url").GetString()!;
    }

    /// <summary>A second person with the consent permission confirms a change that shows a picture or document more widely.</summary>
    public static async Task ConfirmAsync(Browser confirmer, string pathBase, string mediaId)
    {
        var confirmed = await confirmer.Http.PostAsync($"{pathBase}/api/media/{mediaId}/confirm", null);
        Assert.True(confirmed.IsSuccessStatusCode, $"Confirming {mediaId} answered {(int)confirmed.StatusCode}: {await confirmed.Content.ReadAsStringAsync()}");
    }
}
