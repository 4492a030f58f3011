using System.Text.RegularExpressions;
using SchoolSite.Tests.Infrastructure;

namespace SchoolSite.Tests.Architecture;

/// <summary>How the code reads: small files, and every module laid out the same way (STYLE.md), so a reader finds things where they expect them.</summary>
public sealed partial class SourceShapeTests
{
    private const int MostLines = 400;

    private static readonly string Source = Path.Combine(SchoolSiteFactory.RepositoryRoot, "src");

    [Fact]
    public void No_source_file_is_over_400_lines()
    {
        var files = Directory.EnumerateFiles(SchoolSiteFactory.RepositoryRoot, "*.cs*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".cs", StringComparison.Ordinal) || f.EndsWith(".cshtml", StringComparison.Ordinal))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}") && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}"))
            .ToList();
        Assert.True(files.Count > 100, $"Only {files.Count} source files found.");
        var long_ = files.Select(f => (File: Path.GetRelativePath(SchoolSiteFactory.RepositoryRoot, f), Lines: File.ReadLines(f).Count()))
            .Where(f => f.Lines > MostLines).Select(f => $"{f.File}: {f.Lines} lines").ToList();
        Assert.True(long_.Count == 0, "Split these files:\n" + string.Join("\n", long_));
    }

    [Fact]
    public void Every_module_declares_its_features_in_Manifest_and_its_services_in_Startup()
    {
        var modules = ModuleFolders().ToList();
        Assert.True(modules.Count >= 11, $"Only {modules.Count} module folders found.");
        var missing = modules.SelectMany(m => new[] { "Manifest.cs", "Startup.cs" }.Where(f => !File.Exists(Path.Combine(m, f)))
            .Select(f => $"{Path.GetFileName(m)} has no {f}")).ToList();
        Assert.True(missing.Count == 0, string.Join("\n", missing));
    }

    [Theory]
    [InlineData("IPermissionProvider", "Permissions.cs")]
    [InlineData("IAdminMenu", "AdminMenu.cs")]
    [InlineData("SchoolSiteModule", "Startup.cs")]
    public void A_modules_permissions_menu_and_startup_each_live_in_their_own_file(string contract, string file)
    {
        var misplaced = new List<string>();
        var found = 0;
        foreach (var module in ModuleFolders())
        {
            foreach (var path in Directory.EnumerateFiles(module, "*.cs", SearchOption.AllDirectories).Where(p => !p.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")))
            {
                var declares = Implements().Matches(File.ReadAllText(path)).Any(m => m.Groups["bases"].Value.Split(',').Any(b => b.Trim() == contract));
                if (!declares)
                {
                    continue;
                }
                found++;
                if (Path.GetRelativePath(module, path) != file)
                {
                    misplaced.Add($"{Path.GetRelativePath(Source, path)} implements {contract}: move it to {Path.GetFileName(module)}/{file}");
                }
            }
        }
        Assert.True(found >= 8, $"Only {found} implementations of {contract} found.");
        Assert.True(misplaced.Count == 0, string.Join("\n", misplaced));
    }

    private static IEnumerable<string> ModuleFolders()
        => Directory.EnumerateDirectories(Path.Combine(Source, "Modules"))
            .Append(Path.Combine(Source, "Themes", "SchoolSite.TheAdmin"));

    [GeneratedRegex(@"class\s+\w+(?:\([^)]*\))?\s*:\s*(?<bases>[^{\n]+)")]
    private static partial Regex Implements();
}
