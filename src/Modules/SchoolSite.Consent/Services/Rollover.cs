using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Settings;
using SchoolSite.Core.Tenancy;
using SchoolSite.Media.Services;

namespace SchoolSite.Consent.Services;

/// <summary>A published picture that stops showing when the new school year starts, and whose answer is missing.</summary>
public sealed record RolloverLoss(MediaEntry Picture, IReadOnlyList<Person> People, IReadOnlyList<TakedownEntry> Pages);

/// <summary>What the new school year will take off the website unless families answer for it first.</summary>
public sealed record RolloverWarning(int NextYear, DateTimeOffset Starts, int Pupils, int PupilsWithoutAnswer, IReadOnlyList<RolloverLoss> Losses);

/// <summary>
/// Before the rollover: from the school's warning date (1 June unless set) until the new school year starts, how many
/// pupils have no answer for the coming year, and which pictures on the published website will stop showing on its
/// first day because someone in them is cleared now only by this year's consent. Worked out from the same answers the
/// gate will use then (each carer's latest, the more restrictive counting).
/// </summary>
public sealed class Rollover(ConsentDbContext db, ConsentGate gate, MediaPictures media, ContentTakedownSource pages, TenantContext tenant, TimeProvider time)
{
    public const string Purpose = "website";

    public async Task<RolloverWarning?> WarningAsync()
    {
        var settings = tenant.Shell.Settings;
        var now = time.GetUtcNow();
        var year = SchoolYear.Of(now, settings);
        var consent = tenant.Shell.Section<ConsentSettings>();
        var from = new DateOnly(year + 1, consent.RolloverWarningMonth, Math.Min(consent.RolloverWarningDay, DateTime.DaysInMonth(year + 1, consent.RolloverWarningMonth)));
        if (settings.DateAt(now) < from)
        {
            return null;
        }
        var next = year + 1;
        var onRoll = await db.People.AsNoTracking().Where(p => p.Status == PersonStatus.OnRoll).ToListAsync();
        var pupils = onRoll.Where(p => p.Kind == PersonKind.Pupil).ToList();
        var answered = (await db.Records.AsNoTracking().Where(r => r.SchoolYear == next).Select(r => r.PersonId).Distinct().ToListAsync()).ToHashSet();
        var nextAnswers = await gate.AnswersForYearAsync(next);

        // Cleared now, but not by next year's answers: everyone whose pictures the new year takes down.
        var losing = new Dictionary<string, Person>();
        foreach (var person in onRoll)
        {
            var answer = nextAnswers.GetValueOrDefault(person.Id)?.GetValueOrDefault(Purpose);
            if (answer?.Status != ConsentStatus.Granted && (await gate.DecideAsync([person.Id], Purpose)).Cleared)
            {
                losing[person.Id] = person;
            }
        }
        var pictures = new Dictionary<string, MediaEntry>();
        foreach (var id in losing.Keys)
        {
            foreach (var picture in await media.ShowingAsync(id))
            {
                pictures[picture.Id] = picture;
            }
        }
        var losses = new List<RolloverLoss>();
        if (pictures.Count > 0)
        {
            var uses = (await pages.FindAsync(pictures.Values.ToList())).Where(u => u.Status == "Published").ToList();
            foreach (var picture in pictures.Values.OrderBy(p => p.Name))
            {
                var on = uses.Where(u => u.Pictures.Contains(picture.Name)).ToList();
                if (on.Count > 0)
                {
                    losses.Add(new RolloverLoss(picture, picture.People.Where(losing.ContainsKey).Select(id => losing[id]).ToList(), on));
                }
            }
        }
        return new RolloverWarning(next, SchoolYear.End(year, settings), pupils.Count, pupils.Count(p => !answered.Contains(p.Id)), losses);
    }
}
