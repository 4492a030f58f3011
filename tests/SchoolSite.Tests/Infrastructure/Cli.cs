using Microsoft.Extensions.Configuration;
using SchoolSite.Web.Cli;

namespace SchoolSite.Tests.Infrastructure;

/// <summary>Runs the CLI in-process against an installation's App_Data and settings, capturing its output.</summary>
public static class Cli
{
    public sealed record Result(int ExitCode, string Output, string Error);

    public static async Task<Result> RunAsync(SchoolSiteFactory factory, params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var code = await SchoolSiteCli.RunAsync(args, config => config.AddInMemoryCollection(factory.Settings), output, error);
        return new Result(code, output.ToString(), error.ToString());
    }
}
