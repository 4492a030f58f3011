namespace SchoolSite.Consent.Models;

/// <summary>
/// A copy of someone's picture outside the website (a social-media post, a newsletter, the press) to be taken
/// down after their family said no. The website hides pictures by itself; copies elsewhere need a person,
/// so each stays on the list until someone marks it done, with who and when.
/// </summary>
public sealed class TakedownTask
{
    public required string Id { get; set; }
    public required string PersonId { get; set; }
    public required string ContentItemId { get; set; }
    public required string ItemTitle { get; set; }

    /// <summary>Where the copy is, as the item records it ("the school's Facebook page, https://…", "Newsletter, 12 May").</summary>
    public required string Place { get; set; }

    /// <summary>The pictures of the person in it, by name.</summary>
    public required string Pictures { get; set; }

    /// <summary>What changed: "Social media consent refused (2026–27)".</summary>
    public required string Reason { get; set; }

    public DateTime CreatedUtc { get; set; }
    public string? DoneBy { get; set; }
    public DateTime? DoneUtc { get; set; }
    public string? Note { get; set; }

    public bool IsDone => DoneUtc is not null;
}

/// <summary>
/// A change to a person that may have narrowed what they are cleared for, saved with the change itself: what they
/// were cleared for before. After the change, each check is settled (copies of their pictures outside the website go
/// on the takedown list if they lost a purpose) and removed; one left by a crash is settled by the job.
/// </summary>
public sealed class TakedownCheck
{
    public long Id { get; set; }
    public required string PersonId { get; set; }

    /// <summary>The purposes they were cleared for before the change, comma-separated.</summary>
    public required string ClearedBefore { get; set; }

    public required string Actor { get; set; }
    public DateTime CreatedUtc { get; set; }
}
