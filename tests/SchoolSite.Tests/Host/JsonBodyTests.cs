using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using SchoolSite.Core.Hosting;

namespace SchoolSite.Tests.Host;

/// <summary>
/// The kernel's one way of reading an API body, on its own: what every endpoint gets for free, including for inputs no
/// endpoint has yet (a choice typed as an enum, a field that may not be null).
/// </summary>
public sealed class JsonBodyTests
{
    public enum Meal { Packed, School }

    public sealed record Order(Meal? Meal, string Name, List<string>? Notes = null);

    [Theory]
    [InlineData("""{"meal":"school","name":"Ada"}""", Meal.School)]
    [InlineData("""{"meal":" Packed ","name":"Ada"}""", Meal.Packed)]
    public async Task A_choice_is_read_from_its_name_in_any_case(string json, Meal meal)
    {
        var (order, error) = await ReadAsync(json);
        Assert.Null(error);
        Assert.Equal(meal, order!.Meal);
    }

    [Theory]
    [InlineData("""{"meal":"1","name":"Ada"}""", "meal", "meal should be Packed or School.")]
    [InlineData("""{"meal":1,"name":"Ada"}""", "meal", "meal should be Packed or School.")]
    [InlineData("""{"meal":"-1","name":"Ada"}""", "meal", "meal should be Packed or School.")]
    [InlineData("""{"meal":"Packed,School","name":"Ada"}""", "meal", "meal should be Packed or School.")]
    [InlineData("""{"meal":"Packed","name":null}""", "name", "name should be text, in double quotes (it cannot be null).")]
    [InlineData("""{"meal":"Packed","name":"Ada","notes":[null]}""", "notes[0]", "notes[0] is null: a list holds values, not nulls. Leave the entry out.")]
    [InlineData("""{"meal":"Packed","name":"Ada","notes":[5]}""", "notes[0]", "notes[0] should be text, in double quotes.")]
    [InlineData("""{"meal":"Packed","name":"Ada","name":"Bea"}""", "name", "name is given twice. Give each field once.")]
    public async Task A_value_that_is_not_what_the_field_takes_is_refused_naming_it(string json, string field, string message)
    {
        var (order, error) = await ReadAsync(json);
        Assert.Null(order);
        var problem = Assert.IsType<HttpValidationProblemDetails>(Assert.IsType<ProblemHttpResult>(error).ProblemDetails);
        Assert.Equal(message, Assert.Single(problem.Errors[field]));
    }

    private static async Task<(Order? Order, IResult? Error)> ReadAsync(string json)
    {
        var http = new DefaultHttpContext();
        http.Request.ContentType = "application/json";
        http.Request.Body = new MemoryStream(Encoding.UTF8.GetBytes(json));
        return await JsonBody.ReadAsync<Order>(http);
    }
}
