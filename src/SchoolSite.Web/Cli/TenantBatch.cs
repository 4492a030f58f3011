using System.Diagnostics;
using System.Globalization;
using CsvHelper;
using SchoolSite.Core.Provisioning;

namespace SchoolSite.Web.Cli;

/// <summary>
/// <c>tenants create --from schools.csv</c>: many school sites in one process. The file's first line names the columns
/// (<c>name, displayName, recipe, adminEmail</c>, and optionally <c>prefix</c> and <c>hosts</c>, space-separated). Every
/// row is checked before any site is made, and each problem is named by line and column; then the sites are made one
/// after another with a line of progress each, and a row that fails says why without stopping the others.
/// </summary>
public static class TenantBatch
{
    private static readonly string[] Required = ["name", "displayName", "recipe", "adminEmail"];
    private static readonly string[] Optional = ["prefix", "hosts"];

    public sealed record Row(int Line, TenantRequest Request);

    /// <summary>The file's rows, or every problem found in it (by line and column).</summary>
    public static async Task<(IReadOnlyList<Row> Rows, IReadOnlyList<string> Errors)> ReadAsync(string path, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        await using var csv = CsvReader.Create(await File.ReadAllBytesAsync(path, cancellationToken), CsvReaderOptions.Default with { TrackLineNumbers = true, TrimWhitespace = true });
        await csv.ReadHeaderAsync(cancellationToken);
        var headers = csv.Headers.Select(h => h.Trim()).ToList();
        foreach (var missing in Required.Where(r => !headers.Contains(r, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"line 1: there is no '{missing}' column (the first line must name the columns: {string.Join(", ", Required)}, and optionally {string.Join(", ", Optional)}).");
        }
        foreach (var unknown in headers.Where(h => !Required.Concat(Optional).Contains(h, StringComparer.OrdinalIgnoreCase)))
        {
            errors.Add($"line 1, column '{unknown}': not a column this file can have ({string.Join(", ", Required.Concat(Optional))}).");
        }
        if (errors.Count > 0)
        {
            return ([], errors);
        }
        int Index(string column) => headers.FindIndex(h => string.Equals(h, column, StringComparison.OrdinalIgnoreCase));
        var rows = new List<Row>();
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var prefixes = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        while (await csv.ReadAsync(cancellationToken))
        {
            var line = (int)csv.LineNumber;
            if (Enumerable.Range(0, csv.FieldCount).All(csv.IsEmpty))
            {
                continue;
            }
            string? Cell(string column) => Index(column) is var i and >= 0 && i < csv.FieldCount && csv.GetString(i).Trim() is { Length: > 0 } value ? value : null;
            foreach (var column in Required.Where(c => Cell(c) is null))
            {
                errors.Add($"line {line}, column '{column}': give a value.");
            }
            var name = Cell("name");
            if (name is not null && names.TryGetValue(name, out var first))
            {
                errors.Add($"line {line}, column 'name': '{name}' is already on line {first}.");
            }
            else if (name is not null)
            {
                names[name] = line;
            }
            var prefix = Cell("prefix");
            if (prefix is not null && prefixes.TryGetValue(prefix, out var firstPrefix))
            {
                errors.Add($"line {line}, column 'prefix': '{prefix}' is already on line {firstPrefix}.");
            }
            else if (prefix is not null)
            {
                prefixes[prefix] = line;
            }
            rows.Add(new Row(line, new TenantRequest
            {
                Name = name, DisplayName = Cell("displayName"), Prefix = prefix, Recipe = Cell("recipe"), AdminEmail = Cell("adminEmail"),
                Hosts = Cell("hosts")?.Split(' ', StringSplitOptions.RemoveEmptyEntries) ?? [],
            }));
        }
        if (rows.Count == 0 && errors.Count == 0)
        {
            errors.Add("the file names its columns but has no school in it.");
        }
        return (rows, errors);
    }

    /// <summary>Makes each row's site; returns how many failed.</summary>
    public static async Task<int> CreateAsync(IReadOnlyList<Row> rows, TenantProvisioner provisioner, TextWriter output, TextWriter error, CancellationToken cancellationToken)
    {
        var failed = 0;
        var all = Stopwatch.StartNew();
        for (var i = 0; i < rows.Count; i++)
        {
            var (line, request) = rows[i];
            var clock = Stopwatch.StartNew();
            var result = await provisioner.ProvisionAsync(request, TrustCaller.CommandLine, cancellationToken);
            if (!result.Succeeded)
            {
                failed++;
                foreach (var (field, messages) in result.Errors)
                {
                    foreach (var message in messages)
                    {
                        await error.WriteLineAsync($"line {line}, {field}: {message}");
                    }
                }
                continue;
            }
            var where = result.PathBase is not null ? result.PathBase + "/" : $"http://{result.Hosts[0]}/";
            var password = result.GeneratedAdminPassword is { } generated ? $"; administrator password (shown once): {generated}" : string.Empty;
            await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
                $"[{i + 1}/{rows.Count}] created {result.TenantName} at {where} ({clock.Elapsed.TotalSeconds:0.00} s){password}"));
        }
        await output.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Created {rows.Count - failed} of {rows.Count} school sites in {all.Elapsed.TotalSeconds:0.0} s ({all.Elapsed.TotalSeconds / Math.Max(1, rows.Count):0.00} s each)."));
        return failed;
    }
}
