using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using SchoolSite.Core.Tenancy;

namespace SchoolSite.Consent.Services;

/// <summary>
/// Imports started from the admin run in the background so the page can show progress: a school's
/// whole roll is thousands of rows. A job belongs to one school and is forgotten an hour after it ends.
/// </summary>
public sealed class ImportJobs(TenantScopes scopes, TimeProvider time)
{
    public sealed class Job
    {
        public required string Id { get; init; }
        public required string Tenant { get; init; }
        public required int Rows { get; init; }
        public required bool Preview { get; init; }
        public int Processed { get; set; }
        public PeopleImportResult? Result { get; set; }
        public string? Failure { get; set; }
        public DateTimeOffset? Ended { get; set; }
        public bool Done => Ended is not null;

        /// <summary>Completes when the import has ended, however it ended.</summary>
        public Task Completion { get; set; } = Task.CompletedTask;
    }

    private static readonly TimeSpan KeepFor = TimeSpan.FromHours(1);
    private readonly ConcurrentDictionary<string, Job> _jobs = new();

    public Job Start(TenantInfo tenant, byte[] file, PeopleImportOptions options, string actor)
    {
        Forget();
        var job = new Job
        {
            Id = Core.Data.IdGenerator.New(),
            Tenant = tenant.Name,
            Rows = Math.Max(0, file.Count(b => b == (byte)'\n') - 1 + (file.Length > 0 && file[^1] != (byte)'\n' ? 1 : 0)),
            Preview = options.Preview,
        };
        _jobs[job.Id] = job;
        job.Completion = Task.Run(async () =>
        {
            try
            {
                await using var scope = await scopes.EnterAsync(tenant);
                var import = scope.ServiceProvider.GetRequiredService<PeopleImport>();
                job.Result = await import.RunAsync(file, options, actor, new Progress<int>(rows => job.Processed = rows));
            }
            catch (Exception exception)
            {
                job.Failure = $"The import stopped: {exception.Message}. Nothing after the failure was saved; try again.";
            }
            finally
            {
                job.Ended = time.GetUtcNow();
            }
        });
        return job;
    }

    public Job? Find(string tenant, string id) => _jobs.TryGetValue(id, out var job) && job.Tenant == tenant ? job : null;

    private void Forget()
    {
        var before = time.GetUtcNow() - KeepFor;
        foreach (var job in _jobs.Values.Where(j => j.Ended < before))
        {
            _jobs.TryRemove(job.Id, out _);
        }
    }
}
