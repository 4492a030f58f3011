using System.Collections.Concurrent;
using System.Collections.Frozen;
using SchoolSite.Core.Cluster;
using SchoolSite.Core.Settings;

namespace SchoolSite.Core.Tenancy;

/// <summary>
/// What an active tenant keeps in memory: its enabled features, its settings and small caches modules
/// add. A few kilobytes per school, no container and no open connection of its own. While this node is out of sync
/// with the others (<see cref="INodeLink.InSync"/>), the caches are not used: each load reads the database again.
/// </summary>
public sealed class TenantShell(TenantInfo tenant, IEnumerable<string> features, SettingsDocument settings, INodeLink? link = null)
{
    private static long _generations;

    private readonly ConcurrentDictionary<Type, object> _state = new();

    /// <summary>Which load of the school this is: cached pages are kept per generation, so dropping the shell drops them too.</summary>
    public long Generation { get; } = Interlocked.Increment(ref _generations);

    /// <summary>The node link's epoch when the shell was loaded; a shell from an earlier epoch may have missed a change.</summary>
    public long Epoch { get; } = link?.Epoch ?? 0;

    public TenantInfo Tenant { get; } = tenant;

    private long _lastUsedTicks;

    /// <summary>When the school was loaded or last asked for a page; background work does not count.</summary>
    public DateTimeOffset LastUsed => new(Volatile.Read(ref _lastUsedTicks), TimeSpan.Zero);

    /// <summary>A request reached the school (or it was just loaded): it stays in memory for the idle time from now.</summary>
    public void Used(DateTimeOffset now) => Volatile.Write(ref _lastUsedTicks, now.UtcTicks);

    public FrozenSet<string> Features { get; private set; } = features.ToFrozenSet(StringComparer.Ordinal);

    /// <summary>Every module's settings, as stored.</summary>
    public SettingsDocument Document { get; private set; } = settings;

    /// <summary>The kernel's settings: name, time zone, school year.</summary>
    public SiteSettings Settings => Document.Get<SiteSettings>();

    /// <summary>A module's own settings section.</summary>
    public T Section<T>() where T : class, new() => Document.Get<T>();

    public bool IsEnabled(string featureId) => Features.Contains(featureId);

    public void ReplaceFeatures(IEnumerable<string> features) => Features = features.ToFrozenSet(StringComparer.Ordinal);

    public void ReplaceSettings(SettingsDocument settings) => Document = settings;

    /// <summary>A module's per-tenant cache, built on first use (a fresh one each time while this node is out of sync).</summary>
    public T GetOrAdd<T>(Func<T> factory) where T : class
        => link is { InSync: false } ? factory() : (T)_state.GetOrAdd(typeof(T), _ => factory());

    /// <summary>
    /// A module's per-tenant cache that is read from the database once: every request waits for the same
    /// load, and a failed load is tried again by the next request. The load runs on the services of the request that
    /// starts it, so exactly one is started: <see cref="ConcurrentDictionary{TKey,TValue}.GetOrAdd(TKey, Func{TKey,TValue})"/>
    /// may run its factory for a request that then loses the race, and a load started there would go on using that
    /// request's DbContext while the request saves with it, and after it is disposed.
    /// </summary>
    public Task<T> GetOrLoadAsync<T>(Func<Task<T>> load) where T : class
    {
        if (link is { InSync: false })
        {
            // Another node may have changed this since it was loaded, and this node would not have heard.
            return Start(load);
        }
        var once = (Lazy<Task<T>>)_state.GetOrAdd(typeof(Task<T>), _ => new Lazy<Task<T>>(() => Start(load)));
        var task = once.Value;
        if (task.IsCompleted)
        {
            Forget(once);
        }
        else
        {
            _ = task.ContinueWith(_ => Forget(once), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
        }
        return task;
    }

    private static Task<T> Start<T>(Func<Task<T>> load)
    {
        try
        {
            return load();
        }
        catch (Exception e)
        {
            return Task.FromException<T>(e);
        }
    }

    /// <summary>Drops a load that failed, so the next request reads again; a loaded cache stays until evicted.</summary>
    private void Forget<T>(Lazy<Task<T>> once)
    {
        if (once.Value is { IsFaulted: true } or { IsCanceled: true })
        {
            _state.TryRemove(new KeyValuePair<Type, object>(typeof(Task<T>), once));
        }
    }

    public void Evict<T>()
    {
        _state.TryRemove(typeof(T), out _);
        _state.TryRemove(typeof(Task<T>), out _);
    }
}
