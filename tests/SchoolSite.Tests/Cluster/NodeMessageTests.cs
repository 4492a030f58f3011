using SchoolSite.Core.Cluster;
using SchoolSite.Core.Events;
using SchoolSite.Core.Security;

namespace SchoolSite.Tests.Cluster;

/// <summary>School events as they travel between nodes: read back as the same events, and nothing else is ever loaded from a message.</summary>
public sealed class NodeMessageTests
{
    private static readonly DateTimeOffset Sent = new(2026, 11, 30, 9, 0, 0, TimeSpan.Zero);

    [Fact]
    public void Events_are_read_back_as_the_same_events_under_the_type_they_were_raised_as()
    {
        var events = new ISchoolEvent[]
        {
            new PersonChanged("p1", new AuditEntry("Dee", "consent", "withdrawn", "person:p1", "granted", "refused")),
            new PictureChanged("m1"),
        };
        var text = NodeMessage.Write("node-a", "oak", typeof(IAuditedEvent), events, Sent)!;
        var read = NodeMessage.Read(text)!;
        Assert.Equal(("node-a", "oak", Sent, typeof(IAuditedEvent)), (read.Node, read.Tenant, read.Sent, read.DeclaredType));
        Assert.Equal(events, read.Events);
    }

    [Theory]
    [InlineData("System.Diagnostics.Process, System.Diagnostics.Process")]
    [InlineData("SchoolSite.Core.Tenancy.TenantRegistry, SchoolSite.Core")]
    [InlineData("SchoolSite.Nothing.Here, SchoolSite.Core")]
    public void A_type_that_is_not_a_school_event_is_never_loaded_and_the_school_is_reloaded_instead(string type)
    {
        var text = NodeMessage.Write("node-a", "oak", typeof(PersonChanged), [new PersonChanged("p1")], Sent)!
            .Replace("SchoolSite.Core.Security.PersonChanged, SchoolSite.Core", type, StringComparison.Ordinal);
        var read = NodeMessage.Read(text)!;
        Assert.Equal("oak", read.Tenant);
        Assert.Null(read.Events);
    }

    [Fact]
    public void A_message_that_is_not_one_is_ignored()
    {
        Assert.Null(NodeMessage.Read("not json"));
        Assert.Null(NodeMessage.Read("{\"tenant\":\"oak\"}"));
    }
}
