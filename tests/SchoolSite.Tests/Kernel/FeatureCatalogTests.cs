using SchoolSite.Core.Modules;

namespace SchoolSite.Tests.Kernel;

public sealed class FeatureCatalogTests
{
    private sealed class Module(params FeatureDescriptor[] features) : SchoolSiteModule
    {
        public override string Name => "Test";
        public override IEnumerable<FeatureDescriptor> Features => features;
    }

    [Fact]
    public void Dependencies_are_followed_transitively_and_listed_before_the_feature()
    {
        var catalog = new FeatureCatalog([new Module(
            FeatureDescriptor.Create("A", "A", "", "T"),
            FeatureDescriptor.Create("B", "B", "", "T", "A"),
            FeatureDescriptor.Create("C", "C", "", "T", "B"))]);
        Assert.Equal(["A", "B", "C"], catalog.WithDependencies("C"));
        Assert.Equal(["B", "C"], catalog.EnabledDependants("A", new HashSet<string> { "A", "B", "C" }));
        Assert.Empty(catalog.EnabledDependants("A", new HashSet<string> { "A" }));
    }

    [Fact]
    public void A_dependency_on_an_unknown_feature_is_refused_at_start()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            new FeatureCatalog([new Module(FeatureDescriptor.Create("B", "B", "", "T", "Missing"))]));
        Assert.Contains("'Missing'", error.Message);
    }
}
