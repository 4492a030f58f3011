using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.Infrastructure;

namespace SchoolSite.Core.Hosting;

/// <summary>
/// Every admin form's text is held to its limit (<see cref="TextLimits"/>) before the page sees it: a field that
/// is too long gets its message beside it, and the page shows the form again with the rest of the input kept
/// (every page that takes text checks <c>ModelState.IsValid</c>; an architecture test holds them to it).
/// </summary>
public sealed class TextLimitsPageFilter : IAsyncPageFilter
{
    public Task OnPageHandlerSelectionAsync(PageHandlerSelectedContext context) => Task.CompletedTask;

    public async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        foreach (var bound in context.ActionDescriptor.BoundProperties.OfType<IPropertyInfoParameterDescriptor>())
        {
            var errors = TextLimits.Check(bound.PropertyInfo, bound.PropertyInfo.GetValue(context.HandlerInstance), path => string.Join('.', path));
            foreach (var (field, messages) in errors)
            {
                context.ModelState.AddModelError(field, messages[0]);
            }
        }
        await next();
    }
}
