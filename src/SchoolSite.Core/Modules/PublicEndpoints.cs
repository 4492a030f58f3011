namespace SchoolSite.Core.Modules;

/// <summary>
/// An endpoint anyone may reach that shows a school's published content, pictures or files: it answers only
/// through the publication policy (restricted items left out, pictures and documents only while cleared). The
/// channel test finds every such endpoint in the route table and probes it with what must never show.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class PublicChannelAttribute : Attribute;

/// <summary>An endpoint anyone may reach that shows none of a school's content (signing in, a stylesheet, a carer's own answers).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, AllowMultiple = false)]
public sealed class NoSchoolContentAttribute(string what) : Attribute
{
    public string What { get; } = what;
}
