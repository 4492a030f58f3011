using System.Diagnostics;

namespace SchoolSite.Crash;

/// <summary>
/// An API client that records consents and adds people as fast as the host answers, one request at a time, until the
/// round stops it; every write goes into the <see cref="WriteLog"/> with what became of it.
/// </summary>
public sealed class Writer(int number, int round, SchoolClient api, WriteLog log, Stopwatch roundClock, Random random)
{
    private static readonly string[] Purposes = ["website", "social-media", "newsletter-prospectus", "press", "video"];
    private static readonly string[] Answers = ["Granted", "Refused"];

    public async Task RunAsync(CancellationToken stop)
    {
        for (var n = 1; !stop.IsCancellationRequested; n++)
        {
            var marker = $"r{round}-w{number}-{n}";
            var person = random.Next(4) == 0 ? null : log.AnyPerson(random);
            var write = person is null
                ? new Write(round, WriteKind.Person, marker, null, null, null, roundClock.Elapsed.TotalSeconds)
                : new Write(round, WriteKind.Consent, marker, person, Purposes[random.Next(Purposes.Length)], Answers[random.Next(Answers.Length)], roundClock.Elapsed.TotalSeconds);
            try
            {
                // Not cancelled by the round: an answer that arrives is an acknowledgement, whenever it comes.
                var answer = write.Kind == WriteKind.Person
                    ? await api.AddPersonAsync(marker, random.Next(3) == 0 ? "Staff" : "Pupil", "Crash", $"Writer{number}", CancellationToken.None)
                    : await api.RecordConsentAsync(person!, write.Purpose!, write.Status!, marker, CancellationToken.None);
                var answered = write with { AnsweredAt = roundClock.Elapsed.TotalSeconds };
                if (answer.Status == 201 && (write.Kind == WriteKind.Consent || answer.Property("id") is not null))
                {
                    log.Acknowledge(write.Kind == WriteKind.Person ? answered with { PersonId = answer.Property("id") } : answered);
                }
                else
                {
                    log.Refuse(answered, answer);
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
            {
                log.NoAnswer(write with { AnsweredAt = roundClock.Elapsed.TotalSeconds });
                if (!stop.IsCancellationRequested)
                {
                    await Task.Delay(100, CancellationToken.None);
                }
            }
        }
    }
}
