using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Data;

namespace SchoolSite.Core.Modules;

/// <summary>
/// What a module contributes: its features (the manifest), its services, its endpoints and its
/// schema migrations. One instance per module, registered by the host at start-up.
/// </summary>
public abstract class SchoolSiteModule
{
    public abstract string Name { get; }

    public abstract IEnumerable<FeatureDescriptor> Features { get; }

    /// <summary>Versioned schema steps this module owns, each set with its own version table.</summary>
    public virtual IEnumerable<MigrationSet> Migrations => [];

    public virtual void ConfigureServices(IServiceCollection services, IConfiguration configuration) { }

    public virtual void MapEndpoints(IEndpointRouteBuilder endpoints) { }
}
