using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Contents.Services;
using SchoolSite.Core.Modules;

namespace SchoolSite.Tests.Infrastructure;

/// <summary>
/// Stands in for the consent and review modules to come: a Publishing handler that refuses any item
/// whose title contains "[hold]", with a reason.
/// </summary>
public sealed class VetoModule : SchoolSiteModule
{
    public const string Marker = "[hold]";
    public const string Reason = "Held for checking: the title says [hold].";

    public override string Name => "Test.Veto";

    public override IEnumerable<FeatureDescriptor> Features => [];

    public override void ConfigureServices(IServiceCollection services, IConfiguration configuration)
        => services.AddScoped<IContentHandler, HoldHandler>();

    private sealed class HoldHandler : IContentHandler
    {
        public Task PublishingAsync(PublishContentContext context)
        {
            if (context.Item.DisplayText.Contains(Marker, StringComparison.Ordinal))
            {
                context.Veto(Reason);
            }
            return Task.CompletedTask;
        }
    }
}
