using System.Diagnostics;
using System.Diagnostics.Metrics;

namespace SchoolSite.Core.Diagnostics;

/// <summary>
/// The project's own measurements, exported with the framework's over OpenTelemetry when an endpoint is configured:
/// what the consent gate decided, publishes the checks refused, pages served from the cache, and how long a change on
/// one web node took to reach another.
/// </summary>
public static class SchoolSiteMetrics
{
    public const string Name = "SchoolSite";

    public static readonly Meter Meter = new(Name);

    public static readonly ActivitySource Activities = new(Name);

    private static readonly Counter<long> ConsentDecisions = Meter.CreateCounter<long>(
        "schoolsite.consent.decisions", unit: "{decision}", description: "Pictures the consent gate decided on, by outcome (shown or blocked).");

    private static readonly Counter<long> PublishVetoes = Meter.CreateCounter<long>(
        "schoolsite.publish.vetoes", unit: "{publish}", description: "Publishes refused by the checks before publishing.");

    private static readonly Counter<long> PageCacheHits = Meter.CreateCounter<long>(
        "schoolsite.page_cache.hits", unit: "{page}", description: "Public pages served from the output cache.");

    private static readonly Histogram<double> EventLag = Meter.CreateHistogram<double>(
        "schoolsite.node_events.lag", unit: "ms", description: "Time from a school event being raised on one web node to its handling on another.");

    public static void ConsentDecided(bool shown) => ConsentDecisions.Add(1, new KeyValuePair<string, object?>("outcome", shown ? "shown" : "blocked"));

    public static void PublishVetoed(string check) => PublishVetoes.Add(1, new KeyValuePair<string, object?>("check", check));

    public static void PageCacheHit() => PageCacheHits.Add(1);

    public static void NodeEventLag(double milliseconds) => EventLag.Record(Math.Max(0, milliseconds));
}
