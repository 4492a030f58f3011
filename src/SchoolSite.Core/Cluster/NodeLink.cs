using SchoolSite.Core.Events;

namespace SchoolSite.Core.Cluster;

/// <summary>
/// How this web node hears the other nodes of the installation. On one node (the default) there is nobody else to
/// hear and the link is always in sync. On several nodes it is Redis: each school event raised here is sent to the
/// others, and while the link is down this node cannot know what changed elsewhere, so it must not answer from memory.
/// </summary>
public interface INodeLink
{
    /// <summary>
    /// Whether this node hears every change made on the other nodes. When false, in-memory indexes and cached pages
    /// are not trusted: every request reads the school's database again, and no page is served from the cache.
    /// </summary>
    bool InSync { get; }

    /// <summary>
    /// Changes each time the link comes back after an outage: whatever was cached under an earlier epoch may have
    /// missed a change, so shells and cached pages from before are dropped.
    /// </summary>
    long Epoch { get; }

    /// <summary>Sends events just raised at <paramref name="tenant"/> to the other nodes; never throws (held and sent when the link is back).</summary>
    void Publish(string tenant, Type declaredType, IReadOnlyList<ISchoolEvent> events);
}

/// <summary>One node: nobody else to tell, nothing to miss.</summary>
public sealed class SingleNode : INodeLink
{
    public bool InSync => true;

    public long Epoch => 0;

    public void Publish(string tenant, Type declaredType, IReadOnlyList<ISchoolEvent> events)
    {
    }
}
