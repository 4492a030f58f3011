using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace SchoolSite.Core.Data;

/// <summary>The installation's data folder, resolved once against the content root.</summary>
public sealed class AppDataFolder
{
    public AppDataFolder(IOptions<SchoolSiteOptions> options, IHostEnvironment environment)
    {
        Path = System.IO.Path.GetFullPath(options.Value.AppDataPath, environment.ContentRootPath);
        Directory.CreateDirectory(Path);
    }

    public string Path { get; }
}
