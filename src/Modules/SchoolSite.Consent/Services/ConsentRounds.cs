using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Data;
using SchoolSite.Core.Events;
using SchoolSite.Core.Jobs;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;
using SchoolSite.Notifications.Services;

namespace SchoolSite.Consent.Services;

/// <summary>A consent round was started ("round-started") or closed ("round-closed").</summary>
public sealed record ConsentRoundChanged(string Actor, string Action, string Description) : IAuditedEvent
{
    public AuditEntry Audit => new(Actor, "consent", Action, "consent-round", null, Description);
}

/// <summary>How far a round has got, for a year group or class: pupils asked, pupils with an answer from someone.</summary>
public sealed record RoundProgressRow(string? YearGroup, string? ClassName, int Pupils, int Replied)
{
    public int NotReplied => Pupils - Replied;
}

/// <summary>One printed letter: to whom, about which pupil, and the link (shown on this page only; only its hash is kept).</summary>
public sealed record RoundLetter(RoundInvitation Invitation, Person Pupil, string Url);

/// <summary>A pupil no one has answered for yet, with the contacts to chase.</summary>
public sealed record ChaseRow(Person Pupil, IReadOnlyList<RoundInvitation> Asked);

/// <summary>
/// The yearly consent round. The DPO or an administrator starts it for a school year with the school's own message:
/// every pupil on roll is asked through each contact with parental responsibility and without "do not contact" — by
/// e-mail where the contact has one, otherwise by a printed letter — and nobody else. E-mail goes out in the background
/// (<see cref="ConsentRoundMail"/>), each with its own link that stops working when the round closes; those who have
/// not answered are reminded once after the school's number of school days.
/// </summary>
public sealed class ConsentRounds(ConsentDbContext db, TenantContext tenant, TimeProvider time, SchoolEvents events, JobAlarms alarms, ConsentLinks links)
{
    public Task<ConsentRound?> OpenAsync()
    {
        var now = time.GetUtcNow().UtcDateTime;
        return db.Rounds.AsNoTracking().Where(r => r.ClosedUtc == null && r.ClosesUtc > now).OrderByDescending(r => r.StartedUtc).FirstOrDefaultAsync();
    }

    public Task<ConsentRound?> LatestAsync()
        => db.Rounds.AsNoTracking().OrderByDescending(r => r.StartedUtc).FirstOrDefaultAsync();

    /// <summary>The key of the error that says another round is still open (no field is wrong: the school's state is).</summary>
    public const string StillOpen = "";

    /// <summary>Starts a round; the errors are keyed by field ("schoolYear", "closes", "message"), or <see cref="StillOpen"/>.</summary>
    public async Task<(ConsentRound? Round, Dictionary<string, string[]> Errors)> StartAsync(int schoolYear, DateOnly closes, string? message, string address,
        string actor)
    {
        var settings = tenant.Shell.Settings;
        var now = time.GetUtcNow();
        var current = SchoolYear.Of(now, settings);
        var errors = new Dictionary<string, string[]>();
        if (schoolYear != current && schoolYear != current + 1)
        {
            errors["schoolYear"] = [$"Ask about this school year ({SchoolYear.Label(current)}) or the next ({SchoolYear.Label(current + 1)})."];
        }
        var closesAt = new DateTimeOffset(closes.ToDateTime(new TimeOnly(23, 59)), settings.Zone().GetUtcOffset(closes.ToDateTime(new TimeOnly(23, 59))));
        if (closesAt <= now)
        {
            errors["closes"] = ["Give a closing date in the future."];
        }
        else if (closesAt > now.AddDays(ConsentLinks.LongestLifetime.TotalDays))
        {
            errors["closes"] = [$"A round can stay open for at most {ConsentLinks.LongestLifetime.TotalDays:0} days: its links stop working when it closes."];
        }
        var text = message?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            errors["message"] = ["Write the school's message to families: it opens every e-mail and letter."];
        }
        else if (Core.Hosting.TextLimits.Problem("The message", text, ConsentRound.MessageLength) is { } problem)
        {
            errors["message"] = [problem];
        }
        if (errors.Count == 0 && await OpenAsync() is { } open)
        {
            errors[StillOpen] = [$"The round for {SchoolYear.Label(open.SchoolYear)} is still open until {open.ClosesUtc:d MMMM yyyy}: close it first."];
        }
        if (errors.Count > 0)
        {
            return (null, errors);
        }
        var round = new ConsentRound
        {
            Id = IdGenerator.New(), SchoolYear = schoolYear, Message = text!, Address = address, StartedBy = actor, StartedUtc = now.UtcDateTime, ClosesUtc = closesAt.UtcDateTime,
        };
        db.Rounds.Add(round);
        var pupils = await db.People.Where(p => p.Kind == PersonKind.Pupil && p.Status == PersonStatus.OnRoll).Select(p => p.Id).ToListAsync();
        var carers = (await db.Carers.AsNoTracking().ToListAsync()).ToLookup(c => c.PersonId);
        var invitations = pupils.SelectMany(p => carers[p].Where(c => c.MayBeAsked)).Select(c => new RoundInvitation
        {
            RoundId = round.Id, PersonId = c.PersonId, CarerId = c.Id, CarerName = c.Name, Email = c.Email,
        }).ToList();
        db.Invitations.AddRange(invitations);
        // The e-mails are sent in the background from now; due before the round is saved, so a stop in between still sends them.
        await alarms.WakeAsync<ConsentRoundMail>(tenant.Tenant.Name, now);
        await events.CommitAsync(db, new ConsentRoundChanged(actor, "round-started",
            $"Consent round for {SchoolYear.Label(schoolYear)}, until {closes:d MMMM yyyy}: {invitations.Count(i => i.Email is not null)} e-mails, " +
            $"{invitations.Count(i => i.Email is null)} letters, {pupils.Count} pupils"));
        return (round, errors);
    }

    /// <summary>
    /// Letters for the contacts the round asks by post (no e-mail address), one per contact, each with a new link: links are
    /// kept only as hashes, so printing again makes new ones and the earlier letters' links stop working.
    /// </summary>
    public async Task<IReadOnlyList<RoundLetter>> PrintLettersAsync(ConsentRound round, string actor)
    {
        var invitations = await db.Invitations.Where(i => i.RoundId == round.Id && i.Email == null).OrderBy(i => i.Id).ToListAsync();
        var pupils = await db.People.AsNoTracking().Where(p => invitations.Select(i => i.PersonId).Contains(p.Id)).ToDictionaryAsync(p => p.Id);
        var letters = new List<RoundLetter>();
        foreach (var invitation in invitations.OrderBy(i => pupils[i.PersonId].YearGroup).ThenBy(i => pupils[i.PersonId].ClassName)
                     .ThenBy(i => pupils[i.PersonId].LegalLastName))
        {
            if (invitation.LinkId is { } earlier)
            {
                await links.RevokeAsync(invitation.PersonId, earlier, actor);
            }
            var (link, token) = await links.IssueAsync(invitation.PersonId, invitation.CarerName, round.ClosesUtc, actor, invitation.CarerId, round.Id);
            invitation.LinkId = link.Id;
            invitation.SentUtc = time.GetUtcNow().UtcDateTime;
            letters.Add(new RoundLetter(invitation, pupils[invitation.PersonId], $"{round.Address}/consent/{token}"));
        }
        await db.SaveChangesAsync();
        return letters;
    }

    /// <summary>How many contacts the round asks by letter.</summary>
    public Task<int> LetterCountAsync(ConsentRound round) => db.Invitations.CountAsync(i => i.RoundId == round.Id && i.Email == null);

    /// <summary>Closes the round now: its links stop working at once.</summary>
    public async Task<bool> CloseAsync(string roundId, string actor)
    {
        var round = await db.Rounds.FirstOrDefaultAsync(r => r.Id == roundId);
        if (round is null || round.ClosedUtc is not null)
        {
            return false;
        }
        var now = time.GetUtcNow().UtcDateTime;
        round.ClosedUtc = now;
        await db.Links.Where(l => l.RoundId == roundId && l.ExpiresUtc > now).ExecuteUpdateAsync(set => set.SetProperty(l => l.ExpiresUtc, now));
        await events.CommitAsync(db, new ConsentRoundChanged(actor, "round-closed", $"Consent round for {SchoolYear.Label(round.SchoolYear)} closed"));
        return true;
    }

    /// <summary>The pupils of a round someone has answered for since it started (any purpose, any of their contacts, or the school).</summary>
    public async Task<HashSet<string>> RepliedAsync(ConsentRound round)
        => (await db.Records.AsNoTracking().Where(r => r.SchoolYear == round.SchoolYear && r.RecordedUtc >= round.StartedUtc)
            .Select(r => r.PersonId).Distinct().ToListAsync()).ToHashSet(StringComparer.Ordinal);

    /// <summary>Replied and not replied, by year group and class, for the pupils asked.</summary>
    public async Task<IReadOnlyList<RoundProgressRow>> ProgressAsync(ConsentRound round)
    {
        var replied = await RepliedAsync(round);
        var asked = await AskedPupilsAsync(round);
        return asked.GroupBy(p => (p.YearGroup, p.ClassName)).OrderBy(g => g.Key.YearGroup).ThenBy(g => g.Key.ClassName)
            .Select(g => new RoundProgressRow(g.Key.YearGroup, g.Key.ClassName, g.Count(), g.Count(p => replied.Contains(p.Id)))).ToList();
    }

    /// <summary>Who still has no answer, with the contacts the round asked (for the office to phone or write again).</summary>
    public async Task<IReadOnlyList<ChaseRow>> ChaseListAsync(ConsentRound round)
    {
        var replied = await RepliedAsync(round);
        var invitations = (await db.Invitations.AsNoTracking().Where(i => i.RoundId == round.Id).ToListAsync()).ToLookup(i => i.PersonId);
        return (await AskedPupilsAsync(round)).Where(p => !replied.Contains(p.Id))
            .OrderBy(p => p.YearGroup).ThenBy(p => p.ClassName).ThenBy(p => p.LegalLastName).ThenBy(p => p.LegalFirstName)
            .Select(p => new ChaseRow(p, invitations[p.Id].ToList())).ToList();
    }

    /// <summary>Pupils on roll with no contact the school may ask (no parental responsibility recorded, or all "do not contact").</summary>
    public async Task<IReadOnlyList<Person>> NobodyToAskAsync(ConsentRound round)
    {
        var asked = await db.Invitations.AsNoTracking().Where(i => i.RoundId == round.Id).Select(i => i.PersonId).Distinct().ToListAsync();
        return await db.People.AsNoTracking().Where(p => p.Kind == PersonKind.Pupil && p.Status == PersonStatus.OnRoll && !asked.Contains(p.Id))
            .OrderBy(p => p.LegalLastName).ThenBy(p => p.LegalFirstName).ToListAsync();
    }

    private async Task<List<Person>> AskedPupilsAsync(ConsentRound round)
    {
        var asked = db.Invitations.Where(i => i.RoundId == round.Id).Select(i => i.PersonId);
        return await db.People.AsNoTracking().Where(p => asked.Contains(p.Id)).ToListAsync();
    }
}
