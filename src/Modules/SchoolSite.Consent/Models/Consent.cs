using Microsoft.EntityFrameworkCore;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;

namespace SchoolSite.Consent.Models;

public enum PersonKind { Pupil, Staff }

public enum PersonStatus { OnRoll, Left }

/// <summary>Someone who may appear in the school's pictures. Legal names are visible only with ViewPeople.</summary>
public sealed class Person
{
    /// <summary>The lengths of the register's columns (M001_People), for every path that fills them: the API, the admin pages, the import.</summary>
    public const int IdLength = 64, NameLength = SchoolSite.Core.Hosting.TextLimits.Name, GroupLength = 40;

    public required string Id { get; set; }
    public required string ExternalId { get; set; }
    public PersonKind Kind { get; set; }
    public required string LegalFirstName { get; set; }
    public required string LegalLastName { get; set; }
    public string? PreferredFirstName { get; set; }
    public string? YearGroup { get; set; }
    public string? ClassName { get; set; }
    public PersonStatus Status { get; set; }

    /// <summary>A looked-after or adopted child, a court order: never published, whatever any consent says.</summary>
    public bool NeverPublish { get; set; }

    /// <summary>A member of staff who has asked that the privacy check treat their name like a pupil's.</summary>
    public bool PrivateLikePupil { get; set; }

    /// <summary>For a member of staff: the e-mail of their account here (lower case), so that they answer for themselves.</summary>
    public string? AccountEmail { get; set; }

    /// <summary>Whether the privacy check looks for this person's name.</summary>
    public bool NameIsPrivate => Kind == PersonKind.Pupil || PrivateLikePupil;
}

/// <summary>
/// One of a pupil's contacts, as the MIS lists them (Contact 1, Contact 2…): the school asks for consent only those with
/// parental responsibility and without "do not contact". Why someone must not be contacted is seen only by the DPO and
/// administrators.
/// </summary>
public sealed class Carer
{
    public const int NameLength = SchoolSite.Core.Hosting.TextLimits.Name, RelationshipLength = 40, EmailLength = 254, PhoneLength = 40, ReasonLength = 400;

    public long Id { get; set; }
    public required string PersonId { get; set; }

    /// <summary>The contact's place in the MIS's list: 1 for Contact 1.</summary>
    public int Priority { get; set; }

    public required string Name { get; set; }
    public string? Relationship { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public bool ParentalResponsibility { get; set; }
    public bool DoNotContact { get; set; }
    public string? DoNotContactReason { get; set; }

    /// <summary>Whether the school may ask this contact for consent: parental responsibility, and nothing saying not to.</summary>
    public bool MayBeAsked => ParentalResponsibility && !DoNotContact;
}

/// <summary>What a picture can be used for, and the lawful basis the school relies on for it.</summary>
public sealed class ConsentPurpose
{
    public required string Name { get; set; }
    public required string DisplayName { get; set; }
    public required string Description { get; set; }

    /// <summary>"consent" (opt-in: nothing shown unless granted) or "public-task" (shown unless objected).</summary>
    public required string LawfulBasis { get; set; }
}

public enum ConsentStatus { Granted, Refused, Objected }

/// <summary>One entry in the append-only history of a person's consent for a purpose in a school year; the latest counts.</summary>
public sealed class ConsentRecord
{
    /// <summary>How the consent was given ("paper form") is kept in 40 characters: longer is refused, not cut.</summary>
    public const int MethodLength = 40;

    public long Id { get; set; }
    public required string PersonId { get; set; }
    public required string Purpose { get; set; }
    public int SchoolYear { get; set; }
    public ConsentStatus Status { get; set; }
    public string? GivenBy { get; set; }
    public string? Method { get; set; }
    public string? Note { get; set; }
    public string? RecordedBy { get; set; }

    /// <summary>The voice of a member of staff answering for themselves from their own account.</summary>
    public const string Self = "self";
    public DateTime RecordedUtc { get; set; }

    /// <summary>
    /// Whose answer it is: <c>carer:{id}</c> for a contact answering through their link, null for the school's own record.
    /// Each voice's latest answer stands; when they disagree, the more restrictive counts.
    /// </summary>
    public string? Voice { get; set; }

    public static string VoiceOf(long carerId) => $"carer:{carerId}";
}

/// <summary>
/// A secure link for one carer of one person: they see each purpose and give or withdraw it, with no
/// account. Only a hash of the token is kept; a link expires and can be revoked.
/// </summary>
public sealed class ConsentLink
{
    public required string Id { get; set; }
    public required string TokenHash { get; set; }
    public required string PersonId { get; set; }
    public required string CarerName { get; set; }
    public required string CreatedBy { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime ExpiresUtc { get; set; }
    public DateTime? RevokedUtc { get; set; }
    public DateTime? LastUsedUtc { get; set; }

    /// <summary>The contact the link is for, when it was made for one (a consent round's links are).</summary>
    public long? CarerId { get; set; }

    /// <summary>The consent round that sent it, if any: it stops working when the round closes.</summary>
    public string? RoundId { get; set; }
}

/// <summary>The school asking every family for the coming school year's answers, once, between two dates.</summary>
public sealed class ConsentRound
{
    public const int MessageLength = 2000;

    public required string Id { get; set; }
    public int SchoolYear { get; set; }
    public required string Message { get; set; }

    /// <summary>The school's address for the links in its e-mails and letters ("https://schools.trust.example/oakwood").</summary>
    public required string Address { get; set; }

    public required string StartedBy { get; set; }
    public DateTime StartedUtc { get; set; }
    public DateTime ClosesUtc { get; set; }
    public DateTime? ClosedUtc { get; set; }

    public bool IsOpenAt(DateTime now) => ClosedUtc is null && ClosesUtc > now;
}

/// <summary>
/// One contact asked in a round: by e-mail (<see cref="Email"/>) or, without one, by a printed letter. A link is made for
/// them when the e-mail is sent or the letter printed (only its hash is kept, so it is shown then and never again).
/// </summary>
public sealed class RoundInvitation
{
    public long Id { get; set; }
    public required string RoundId { get; set; }
    public required string PersonId { get; set; }
    public long? CarerId { get; set; }
    public required string CarerName { get; set; }
    public string? Email { get; set; }
    public string? LinkId { get; set; }
    public DateTime? SentUtc { get; set; }
    public DateTime? RemindedUtc { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
}

public sealed class ConsentDbContext(DbContextOptions<ConsentDbContext> options) : DbContext(options)
{
    public DbSet<Person> People => Set<Person>();
    public DbSet<ConsentPurpose> Purposes => Set<ConsentPurpose>();
    public DbSet<ConsentRecord> Records => Set<ConsentRecord>();
    public DbSet<ConsentLink> Links => Set<ConsentLink>();
    public DbSet<TakedownTask> TakedownTasks => Set<TakedownTask>();
    public DbSet<TakedownCheck> TakedownChecks => Set<TakedownCheck>();
    public DbSet<Carer> Carers => Set<Carer>();
    public DbSet<ConsentRound> Rounds => Set<ConsentRound>();
    public DbSet<RoundInvitation> Invitations => Set<RoundInvitation>();

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.AddAuditOutbox();
        modelBuilder.Entity<Person>(p =>
        {
            p.ToTable("people");
            p.Property(x => x.Kind).HasConversion<string>();
            p.Property(x => x.Status).HasConversion<string>();
            p.HasIndex(x => x.ExternalId).IsUnique();
            p.Ignore(x => x.NameIsPrivate);
        });
        modelBuilder.Entity<ConsentPurpose>(p =>
        {
            p.ToTable("consent_purposes");
            p.HasKey(x => x.Name);
        });
        modelBuilder.Entity<ConsentRecord>(r =>
        {
            r.ToTable("consent_records");
            r.Property(x => x.Status).HasConversion<string>();
            r.Property(x => x.RecordedUtc).HasConversion(UtcTicks.Converter);
        });
        modelBuilder.Entity<ConsentLink>(l =>
        {
            l.ToTable("consent_links");
            l.Property(x => x.CreatedUtc).HasConversion(UtcTicks.Converter);
            l.Property(x => x.ExpiresUtc).HasConversion(UtcTicks.Converter);
            l.Property(x => x.RevokedUtc).HasConversion(UtcTicks.Converter);
            l.Property(x => x.LastUsedUtc).HasConversion(UtcTicks.Converter);
        });
        modelBuilder.Entity<TakedownTask>(t =>
        {
            t.ToTable("takedown_tasks");
            t.Ignore(x => x.IsDone);
            t.Property(x => x.CreatedUtc).HasConversion(UtcTicks.Converter);
            t.Property(x => x.DoneUtc).HasConversion(UtcTicks.Converter);
        });
        modelBuilder.Entity<Carer>(c =>
        {
            c.ToTable("carers");
            c.Ignore(x => x.MayBeAsked);
            // Known to EF so that a new person is saved before their contacts.
            c.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId).OnDelete(DeleteBehavior.Cascade);
        });
        modelBuilder.Entity<ConsentRound>(r =>
        {
            r.ToTable("consent_rounds");
            r.Property(x => x.StartedUtc).HasConversion(UtcTicks.Converter);
            r.Property(x => x.ClosesUtc).HasConversion(UtcTicks.Converter);
            r.Property(x => x.ClosedUtc).HasConversion(UtcTicks.Converter);
        });
        modelBuilder.Entity<RoundInvitation>(i =>
        {
            i.ToTable("round_invitations");
            i.HasOne<ConsentRound>().WithMany().HasForeignKey(x => x.RoundId);
            i.HasOne<Person>().WithMany().HasForeignKey(x => x.PersonId);
            i.Property(x => x.SentUtc).HasConversion(UtcTicks.Converter);
            i.Property(x => x.RemindedUtc).HasConversion(UtcTicks.Converter);
        });
        modelBuilder.Entity<TakedownCheck>(c =>
        {
            c.ToTable("takedown_checks");
            c.Property(x => x.CreatedUtc).HasConversion(UtcTicks.Converter);
        });
    }
}
