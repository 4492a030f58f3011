using System.Reflection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.RazorPages;
using SchoolSite.Web;

namespace SchoolSite.Tests.Architecture;

/// <summary>
/// Text a form posts is held to its length limit by the host's page filter, which reports it in the page's
/// model state: so every page that takes text in a post must look at that before it uses the input.
/// </summary>
public sealed class FormInputTests
{
    [Fact]
    public void Every_page_that_takes_text_checks_its_input_before_using_it()
    {
        var pages = SchoolSiteHost.Modules().Select(m => m.GetType().Assembly).Distinct()
            .SelectMany(a => a.GetTypes())
            .Where(t => typeof(PageModel).IsAssignableFrom(t) && !t.IsAbstract)
            .ToList();
        Assert.True(pages.Count > 20, $"Only {pages.Count} pages found.");
        var isValid = typeof(ModelStateDictionary).GetProperty(nameof(ModelStateDictionary.IsValid))!.GetMethod!;

        var unchecked_ = pages
            .Where(page => page.GetMethods().Any(m => m.Name.StartsWith("OnPost", StringComparison.Ordinal)) && TakesText(page))
            .Where(page => !CodeOf(page).Any(m => IlCalls.MethodsCalledBy(m).Contains(isValid)))
            .Select(page => page.FullName).ToList();
        Assert.True(unchecked_.Count == 0,
            "These pages take text in a post but never check ModelState.IsValid, so a too-long field would be used anyway:\n" + string.Join("\n", unchecked_));
    }

    private static bool TakesText(Type page)
        => page.GetProperties().Any(p => p.GetCustomAttribute<BindPropertyAttribute>() is { SupportsGet: false }
            && (p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType)
                || typeof(IDictionary<string, string>).IsAssignableFrom(p.PropertyType)
                || p.PropertyType.Namespace?.StartsWith("SchoolSite", StringComparison.Ordinal) == true && p.PropertyType.IsClass));

    /// <summary>The page's methods and those of the state machines and lambdas nested in it.</summary>
    private static IEnumerable<MethodBase> CodeOf(Type type)
    {
        const BindingFlags all = BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly;
        return type.GetMethods(all).Cast<MethodBase>().Concat(type.GetNestedTypes(all).SelectMany(CodeOf));
    }
}
