using System.Collections.Concurrent;

namespace SchoolSite.Crash;

public enum WriteKind { Person, Consent }

/// <summary>
/// One write a writer sent. <see cref="Marker"/> is unique in the installation and lands in the database: a person's
/// MIS id, or a consent's "given by" (which the consent's audit entry also quotes). <see cref="PersonId"/> is the
/// person's id (for a new person, known once acknowledged). Times are seconds since the round's writers started.
/// </summary>
public sealed record Write(int Round, WriteKind Kind, string Marker, string? PersonId, string? Purpose, string? Status, double SentAt)
{
    public double? AnsweredAt { get; init; }

    public string Describe() => Kind == WriteKind.Person
        ? $"person {PersonId ?? "(id not known)"} with MIS id {Marker}"
        : $"consent '{Purpose}' {Status} for person {PersonId}, given by {Marker}";
}

/// <summary>What the writers of all rounds sent, and what became of it.</summary>
public sealed class WriteLog
{
    private readonly ConcurrentQueue<Write> _acknowledged = new();
    private readonly ConcurrentQueue<Write> _unanswered = new();
    private readonly ConcurrentQueue<(Write Write, Answer Answer)> _refused = new();
    private readonly List<string> _people = [];

    public IReadOnlyCollection<Write> Acknowledged => _acknowledged;
    public IReadOnlyCollection<Write> Unanswered => _unanswered;
    public IReadOnlyCollection<(Write Write, Answer Answer)> Refused => _refused;

    /// <summary>A 201: the host says it stored the write, so it must be there after any crash.</summary>
    public void Acknowledge(Write write)
    {
        _acknowledged.Enqueue(write);
        if (write.Kind == WriteKind.Person)
        {
            lock (_people)
            {
                _people.Add(write.PersonId!);
            }
        }
    }

    /// <summary>No answer (the connection broke, mostly at the kill): it may or may not have landed, and either is right.</summary>
    public void NoAnswer(Write write) => _unanswered.Enqueue(write);

    /// <summary>An answer other than 201.</summary>
    public void Refuse(Write write, Answer answer) => _refused.Enqueue((write, answer));

    /// <summary>A person acknowledged in any round, for the next consent; null before the first.</summary>
    public string? AnyPerson(Random random)
    {
        lock (_people)
        {
            return _people.Count == 0 ? null : _people[random.Next(_people.Count)];
        }
    }
}
