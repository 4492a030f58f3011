using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Events;
using SchoolSite.Core.Tenancy;
using SchoolSite.Workflows.Models;

namespace SchoolSite.Workflows.Services;

/// <summary>The school's workflow types, read once per school and kept in memory until a recipe changes them.</summary>
public sealed class WorkflowTypes(WorkflowDbContext db, TenantContext tenant) : ISchoolEventHandler<WorkflowTypesChanged>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    public sealed record Set(IReadOnlyDictionary<string, WorkflowDefinition> ByName, IReadOnlyDictionary<string, WorkflowDefinition> ByContentType);

    public Task HandleAsync(IReadOnlyList<WorkflowTypesChanged> changes, CancellationToken cancellationToken)
    {
        tenant.Shell.Evict<Set>();
        return Task.CompletedTask;
    }

    /// <summary>Whether the school has review switched on (the Workflows feature).</summary>
    public bool IsOn => tenant.Shell.IsEnabled(Manifest.WorkflowsFeature);

    public async Task<WorkflowDefinition?> ForContentTypeAsync(string contentType)
        => IsOn ? (await GetAsync()).ByContentType.GetValueOrDefault(contentType) : null;

    public async Task<WorkflowDefinition?> NamedAsync(string name) => (await GetAsync()).ByName.GetValueOrDefault(name);

    public Task<Set> GetAsync() => tenant.Shell.GetOrLoadAsync(LoadAsync);

    private async Task<Set> LoadAsync()
    {
        var definitions = (await db.Types.AsNoTracking().ToListAsync())
            .Select(t => JsonSerializer.Deserialize<WorkflowDefinition>(t.Json, Json)!).ToList();
        var byType = new Dictionary<string, WorkflowDefinition>();
        foreach (var definition in definitions)
        {
            foreach (var type in definition.ContentTypes)
            {
                byType[type] = definition;
            }
        }
        return new Set(definitions.ToDictionary(d => d.Name), byType);
    }
}
