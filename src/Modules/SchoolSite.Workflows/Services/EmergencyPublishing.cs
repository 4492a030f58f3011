namespace SchoolSite.Workflows.Services;

/// <summary>
/// The one exception to "approved first": an emergency publish, where the school has switched it on,
/// with a written reason. It is authorised for one item, in this request only, and always reported.
/// </summary>
public sealed class EmergencyPublishing
{
    private string? _authorised;

    public void Authorise(string contentItemId) => _authorised = contentItemId;

    public void Clear() => _authorised = null;

    public bool IsAuthorised(string contentItemId) => _authorised == contentItemId;
}
