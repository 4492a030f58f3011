using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Contents.Models;
using SchoolSite.Core.Events;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Contents.Services;

/// <summary>The tenant's content types and parts: read once into the tenant's shell, replaced whole on change.</summary>
public sealed class ContentDefinitionStore(ContentsDbContext db, TenantContext tenant, SchoolEvents events) : ISchoolEventHandler<ContentDefinitionsChanged>
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public Task<ContentDefinitionSet> GetAsync() => tenant.Shell.GetOrLoadAsync(LoadAsync);

    public async Task SaveAsync(ContentDefinitionSet definitions)
    {
        var json = JsonSerializer.Serialize(definitions, Json);
        var record = await db.Definitions.FirstOrDefaultAsync(d => d.Id == 1);
        if (record is null)
        {
            db.Definitions.Add(new ContentDefinitionRecord { Id = 1, Json = json });
        }
        else
        {
            record.Json = json;
        }
        await db.SaveChangesAsync();
        await events.RaiseAsync(new ContentDefinitionsChanged());
    }

    public Task HandleAsync(IReadOnlyList<ContentDefinitionsChanged> changes, CancellationToken cancellationToken)
    {
        tenant.Shell.Evict<ContentDefinitionSet>();
        return Task.CompletedTask;
    }

    private async Task<ContentDefinitionSet> LoadAsync()
    {
        var record = await db.Definitions.AsNoTracking().FirstOrDefaultAsync(d => d.Id == 1);
        return record is null ? ContentDefinitionSet.Empty : JsonSerializer.Deserialize<ContentDefinitionSet>(record.Json, Json) ?? ContentDefinitionSet.Empty;
    }
}
