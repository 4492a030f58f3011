using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;

namespace SchoolSite.Media.Models;

/// <summary>
/// An uploaded file in a school's media library. Its files are named by the server (the id), never by
/// the uploader. A picture or document is "unreviewed" until someone says who is in it, or that nobody can
/// be identified. A change that would show it more widely (a person taken out, "nobody identifiable")
/// waits as a proposal until a second person confirms it; until then the item counts as it was.
/// </summary>
public sealed class MediaItem
{
    /// <summary>The most people one picture may name (a whole-school photograph), and the longest register id.</summary>
    public const int MaxPeople = 1_000, PersonIdLength = 64;

    public required string Id { get; set; }
    public required string Kind { get; set; }
    public required string ContentType { get; set; }
    public int Width { get; set; }
    public int Height { get; set; }
    public long Size { get; set; }
    public string? AltText { get; set; }
    public string? Caption { get; set; }
    public string? Folder { get; set; }
    public string? UploadedBy { get; set; }
    public DateTime UploadedUtc { get; set; }

    /// <summary>Confirmed that no person in the picture or document can be identified.</summary>
    public bool NoIdentifiablePeople { get; set; }

    /// <summary>Register ids of the people in the picture, comma-separated (the consent module reads them).</summary>
    public string PeopleIds { get; set; } = string.Empty;

    /// <summary>The renditions stored for it ("original,large,medium,thumbnail").</summary>
    public required string Renditions { get; set; }

    /// <summary>A proposed description that would show it more widely: who would be in it (comma-separated), and whether nobody can be identified.</summary>
    public string? ProposedPeopleIds { get; set; }
    public bool? ProposedNobody { get; set; }
    public string? ProposedById { get; set; }
    public string? ProposedByName { get; set; }
    public DateTime? ProposedUtc { get; set; }
    public string? ProposedReason { get; set; }

    public IReadOnlyList<string> People => PeopleIds.Split(',', StringSplitOptions.RemoveEmptyEntries);

    public IReadOnlyList<string> ProposedPeople => (ProposedPeopleIds ?? string.Empty).Split(',', StringSplitOptions.RemoveEmptyEntries);

    public bool HasProposal => ProposedNobody is not null;

    public bool IsPicture => Kind != "Pdf";

    /// <summary>Neither people named nor "no identifiable people" confirmed: it cannot be published, picture or document.</summary>
    public bool IsUnreviewed => !NoIdentifiablePeople && People.Count == 0;
}

public sealed class MediaDbContext(DbContextOptions<MediaDbContext> options) : DbContext(options)
{
    public DbSet<MediaItem> Items => Set<MediaItem>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditOutbox();
        modelBuilder.Entity<MediaItem>(item =>
        {
            item.ToTable("media_items");
            item.Ignore(i => i.People);
            item.Ignore(i => i.ProposedPeople);
            item.Property(i => i.UploadedUtc).HasConversion(UtcTicks.Converter);
            item.Property(i => i.ProposedUtc).HasConversion(UtcTicks.Converter);
        });
    }
}
