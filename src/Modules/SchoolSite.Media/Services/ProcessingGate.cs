namespace SchoolSite.Media.Services;

/// <summary>
/// At most N uploads are processed at once across the whole process (the setting
/// <c>SchoolSite:Media:MaxConcurrentImages</c>, one per core unless set): each can take up to ~100 MB while it is
/// decoded, so a burst of uploads (a trip's photos arriving together, from several schools) would otherwise add
/// up past the host's memory. Uploads beyond N wait their turn, and stop waiting if the uploader goes away.
/// </summary>
public sealed class ProcessingGate
{
    public const string Setting = "SchoolSite:Media:MaxConcurrentImages";

    private readonly SemaphoreSlim _turns;

    public ProcessingGate(int maxConcurrent)
    {
        if (maxConcurrent < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(maxConcurrent), maxConcurrent, $"{Setting} must be 1 or more.");
        }
        MaxConcurrent = maxConcurrent;
        _turns = new SemaphoreSlim(maxConcurrent, maxConcurrent);
    }

    public int MaxConcurrent { get; }

    /// <summary>Runs <paramref name="work"/> once fewer than N others are running.</summary>
    public async Task<T> RunAsync<T>(Func<T> work, CancellationToken cancellationToken)
    {
        await _turns.WaitAsync(cancellationToken);
        try
        {
            return work();
        }
        finally
        {
            _turns.Release();
        }
    }
}
