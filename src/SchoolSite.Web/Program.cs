using SchoolSite.Web;
using SchoolSite.Web.Cli;

// `dotnet run --project src/SchoolSite.Web -- tenants create …` and friends: the same services and
// App_Data as the web host, without starting a web server.
if (SchoolSiteCli.Handles(args))
{
    return await SchoolSiteCli.RunAsync(args, configure: null, Console.Out, Console.Error);
}

var builder = SchoolSiteHost.CreateBuilder(args);
builder.AddSchoolSiteHost();

var app = builder.Build();
app.UseSchoolSite();
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
