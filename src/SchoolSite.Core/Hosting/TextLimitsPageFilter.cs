using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// Every admin form's text is held to the same rules as the API's (<see cref="TextLimits"/>) before the page sees it: a field
/// that is too long, or holds a character that cannot be stored or shown, gets its message beside it, and the page shows the
/// form again with the rest of the input kept (every page that takes text checks <c>ModelState.IsValid</c>; an architecture
/// test holds them to it). What nobody types — a control character in an address's search or id, or in a handler's id —
/// is refused outright with a problem: those reach a database query before any page could check them.
/// </summary>
public sealed class TextLimitsPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var reading = HttpMethods.IsGet(context.HttpContext.Request.Method) || HttpMethods.IsHead(context.HttpContext.Request.Method);
        var refused = new Dictionary<string, string[]>();
        foreach (var bound in context.ActionDescriptor.BoundProperties.OfType<IPropertyInfoParameterDescriptor>())
        {
            var value = bound.PropertyInfo.GetValue(context.HandlerInstance);
            var errors = TextLimits.Check(bound.PropertyInfo, value, path => string.Join('.', path));
            foreach (var (field, messages) in errors)
            {
                context.ModelState.AddModelError(field, messages[0]);
            }
            if (reading && value is string text && TextLimits.CharacterProblem(bound.PropertyInfo.Name, text) is { } problem)
            {
                refused[bound.PropertyInfo.Name] = [problem];
            }
        }
        foreach (var (name, argument) in context.HandlerArguments)
        {
            if (argument is string text && TextLimits.CharacterProblem(name, text) is { } problem)
            {
                refused[name] = [problem];
            }
        }
        if (refused.Count > 0)
        {
            context.Result = new ObjectResult(new ValidationProblemDetails(refused)
            {
                Title = "The address or the form holds a character that cannot be used here.",
                Status = StatusCodes.Status400BadRequest,
            })
            { StatusCode = StatusCodes.Status400BadRequest, ContentTypes = { "application/problem+json" } };
            return;
        }
        await next();
    }
}
