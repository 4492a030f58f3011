using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Http;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// A minimal HTML page for answers given before any tenant's theme can run; under <c>/api/</c> the same answer as a
/// problem+json, since whoever asked there is a program reading JSON.
/// </summary>
public static class PlainPage
{
    public static Task WriteAsync(HttpContext context, int status, string title, string message)
    {
        if (context.Request.Path.StartsWithSegments("/api"))
        {
            return Results.Problem(statusCode: status, title: message).ExecuteAsync(context);
        }
        context.Response.StatusCode = status;
        context.Response.ContentType = "text/html; charset=utf-8";
        var t = HtmlEncoder.Default.Encode(title);
        var m = HtmlEncoder.Default.Encode(message);
        return context.Response.WriteAsync(
            $"<!DOCTYPE html><html lang=\"en-GB\"><head><meta charset=\"utf-8\"><title>{t}</title></head><body><main><h1>{t}</h1><p>{m}</p></main></body></html>");
    }
}
