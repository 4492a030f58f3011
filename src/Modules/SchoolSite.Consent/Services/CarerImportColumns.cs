using System.Net.Mail;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Hosting;

namespace SchoolSite.Consent.Services;

/// <summary>A part of a contact that an import reads: Contact 1 Name, Contact 1 Email…</summary>
public enum CarerPart { Name, Relationship, Email, Phone, ParentalResponsibility, DoNotContact, DoNotContactReason }

/// <summary>A contact as a row of the file gives it.</summary>
public sealed record CarerRow(int Priority, string Name, string? Relationship, string? Email, string? Phone, bool ParentalResponsibility, bool DoNotContact,
    string? DoNotContactReason);

/// <summary>
/// The contact columns of an MIS export, "Contact 1 Name" to "Contact 4 Do Not Contact Reason", found by their headers (any
/// case, spaces or punctuation) or given in the import's map as <c>Contact1Email</c> and so on.
/// </summary>
public sealed class CarerImportColumns
{
    public const int MostContacts = 4;

    private static readonly (CarerPart Part, string Label, string[] Headers)[] Parts =
    [
        (CarerPart.Name, "name", ["Name", "Full Name", "Contact Name"]),
        (CarerPart.Relationship, "relationship", ["Relationship", "Relation", "Relationship To Pupil"]),
        (CarerPart.Email, "e-mail address", ["Email", "Email Address", "E-mail"]),
        (CarerPart.Phone, "phone number", ["Phone", "Telephone", "Mobile", "Phone Number", "Mobile Phone"]),
        (CarerPart.ParentalResponsibility, "parental responsibility", ["Parental Responsibility", "Has Parental Responsibility", "PR"]),
        (CarerPart.DoNotContact, "do not contact", ["Do Not Contact", "No Contact"]),
        (CarerPart.DoNotContactReason, "reason not to contact", ["Do Not Contact Reason", "No Contact Reason"]),
    ];

    private readonly Dictionary<(int Contact, CarerPart Part), int> _index;
    private readonly IReadOnlyList<string> _headers;

    private CarerImportColumns(Dictionary<(int, CarerPart), int> index, IReadOnlyList<string> headers) => (_index, _headers) = (index, headers);

    /// <summary>Whether the file has contacts at all: without them, an import leaves everyone's contacts as they are.</summary>
    public bool Any => _index.Count > 0;

    /// <summary>The contacts the file has columns for (1, 2…).</summary>
    public IEnumerable<int> Contacts => _index.Keys.Select(k => k.Contact).Distinct().Order();

    public bool Has(int contact, CarerPart part) => _index.ContainsKey((contact, part));

    public int IndexOf(int contact, CarerPart part) => _index.GetValueOrDefault((contact, part), -1);

    public string HeaderOf(int contact, CarerPart part) => _headers[_index[(contact, part)]];

    /// <summary>The map's name for a part of a contact, e.g. <c>Contact1Email</c>, if <paramref name="field"/> is one.</summary>
    public static (int Contact, CarerPart Part)? FieldOf(string field)
    {
        var key = Key(field);
        for (var contact = 1; contact <= MostContacts; contact++)
        {
            foreach (var part in Enum.GetValues<CarerPart>())
            {
                if (key == Key($"Contact{contact}{part}"))
                {
                    return (contact, part);
                }
            }
        }
        return null;
    }

    /// <summary>The contact columns of <paramref name="headers"/>: those the map names first, then the usual MIS headers.</summary>
    public static CarerImportColumns Resolve(IReadOnlyList<string> headers, IReadOnlyDictionary<string, string>? mapping)
    {
        var index = new Dictionary<(int, CarerPart), int>();
        foreach (var (header, field) in mapping ?? new Dictionary<string, string>())
        {
            var column = headers.Select((h, i) => (h, i)).FirstOrDefault(x => Key(x.h) == Key(header), (h: "", i: -1)).i;
            if (column >= 0 && FieldOf(field) is { } target)
            {
                index[target] = column;
            }
        }
        for (var contact = 1; contact <= MostContacts; contact++)
        {
            foreach (var (part, _, names) in Parts)
            {
                if (index.ContainsKey((contact, part)))
                {
                    continue;
                }
                // "Contact 1 Email", "Contact1 E-mail", "contact_1_email_address"
                var keys = names.Select(n => Key($"Contact {contact} {n}")).ToHashSet();
                var column = headers.Select((h, i) => (h, i)).FirstOrDefault(x => keys.Contains(Key(x.h)) && !index.ContainsValue(x.i), (h: "", i: -1)).i;
                if (column >= 0)
                {
                    index[(contact, part)] = column;
                }
            }
        }
        return new CarerImportColumns(index, headers);
    }

    /// <summary>
    /// The contacts in one row, in their order; a problem with one is added to <paramref name="errors"/> by line and column.
    /// A contact whose cells are all empty is not there.
    /// </summary>
    public IReadOnlyList<CarerRow> Read(int line, Func<int, string?> cell, List<ImportError> errors)
    {
        var carers = new List<CarerRow>();
        foreach (var contact in Contacts)
        {
            string? Value(CarerPart part) => IndexOf(contact, part) is var i and >= 0 ? cell(i) : null;
            if (Enum.GetValues<CarerPart>().All(p => Value(p) is null))
            {
                continue;
            }
            var before = errors.Count;
            string? Text(CarerPart part, int max)
            {
                var value = Value(part);
                var label = $"contact {contact}'s {Parts.Single(p => p.Part == part).Label}";
                if (value?.Length > max)
                {
                    errors.Add(new ImportError(line, HeaderOf(contact, part), $"{label} is {value.Length} characters long; the register holds at most {max}."));
                }
                else if (TextLimits.CharacterProblem(label, value) is { } problem)
                {
                    errors.Add(new ImportError(line, HeaderOf(contact, part), problem));
                }
                return value;
            }
            bool YesNo(CarerPart part)
            {
                var value = Value(part);
                switch (value?.ToLowerInvariant())
                {
                    case null or "no" or "n" or "false" or "0":
                        return false;
                    case "yes" or "y" or "true" or "1":
                        return true;
                    default:
                        errors.Add(new ImportError(line, HeaderOf(contact, part), $"'{value}' is not yes or no (contact {contact}'s {Parts.Single(p => p.Part == part).Label})."));
                        return false;
                }
            }
            var name = Text(CarerPart.Name, Carer.NameLength);
            var relationship = Text(CarerPart.Relationship, Carer.RelationshipLength);
            var email = Text(CarerPart.Email, Carer.EmailLength);
            var phone = Text(CarerPart.Phone, Carer.PhoneLength);
            var reason = Text(CarerPart.DoNotContactReason, Carer.ReasonLength);
            var responsible = YesNo(CarerPart.ParentalResponsibility);
            var doNotContact = YesNo(CarerPart.DoNotContact);
            if (name is null)
            {
                errors.Add(new ImportError(line, Has(contact, CarerPart.Name) ? HeaderOf(contact, CarerPart.Name) : null,
                    $"contact {contact} has details but no name: give the name, or leave all of contact {contact}'s cells empty."));
            }
            if (email is not null && !IsEmail(email))
            {
                errors.Add(new ImportError(line, HeaderOf(contact, CarerPart.Email), $"'{email}' is not an e-mail address (contact {contact})."));
            }
            if (errors.Count == before)
            {
                carers.Add(new CarerRow(contact, name!, relationship, email, phone, responsible, doNotContact, reason));
            }
        }
        return carers;
    }

    public static bool IsEmail(string value)
        => MailAddress.TryCreate(value, out var address) && address.Address == value && value.Contains('.', StringComparison.Ordinal);

    private static string Key(string header) => string.Concat(header.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}

/// <summary>
/// A person's contacts before and after a change. "Do not contact" only ever narrows from outside the school: a file
/// (or a form) that leaves it out keeps the flag and its reason on the same contact, and a flagged contact the MIS no longer
/// lists stays on the list, so that no later import can make them someone the school asks.
/// </summary>
public sealed record CarerChange(string PersonId, IReadOnlyList<Carer> Before, IReadOnlyList<Carer> After)
{
    /// <summary>
    /// The change <paramref name="given"/> makes to <paramref name="existing"/>, or null when it makes none. <paramref name="lift"/>:
    /// the one flagged contact whose flag the DPO or an administrator may set as given (from the person's page).
    /// </summary>
    public static CarerChange? For(string personId, IReadOnlyList<Carer> existing, IReadOnlyList<CarerRow> given, Carer? lift = null)
    {
        var matched = new HashSet<Carer>();
        var after = new List<Carer>();
        foreach (var row in given.OrderBy(r => r.Priority))
        {
            var same = existing.FirstOrDefault(c => !matched.Contains(c) && SamePerson(c, row));
            if (same is not null)
            {
                matched.Add(same);
            }
            after.Add(new Carer
            {
                PersonId = personId, Priority = row.Priority, Name = row.Name, Relationship = row.Relationship, Email = row.Email, Phone = row.Phone,
                ParentalResponsibility = row.ParentalResponsibility,
                DoNotContact = row.DoNotContact || (same?.DoNotContact == true && same != lift),
                DoNotContactReason = row.DoNotContactReason ?? same?.DoNotContactReason,
            });
        }
        var next = after.Select(c => c.Priority).DefaultIfEmpty(0).Max();
        foreach (var kept in existing.Where(c => c.DoNotContact && !matched.Contains(c)).OrderBy(c => c.Priority))
        {
            after.Add(Copy(kept, personId, ++next));
        }
        return Snapshot(existing) == Snapshot(after) ? null : new CarerChange(personId, existing, after);
    }

    /// <summary>
    /// The contacts as the audit trail records them: relationship and flags, and a fingerprint of the name and details (so a
    /// change shows) without copying them, or any reason not to contact, into the log.
    /// </summary>
    public static string Snapshot(IEnumerable<Carer> carers) => System.Text.Json.JsonSerializer.Serialize(carers.OrderBy(c => c.Priority).Select(c => new
    {
        c.Priority,
        c.Relationship,
        c.ParentalResponsibility,
        c.DoNotContact,
        Details = Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(
            $"{c.Name}\n{c.Email}\n{c.Phone}\n{c.DoNotContactReason}")))[..10],
    }));

    /// <summary>A contact as it stands, as a row to give back with a change to another.</summary>
    public static CarerRow RowOf(Carer carer) => new(carer.Priority, carer.Name, carer.Relationship, carer.Email, carer.Phone, carer.ParentalResponsibility,
        carer.DoNotContact, carer.DoNotContactReason);

    private static bool SamePerson(Carer carer, CarerRow row)
        => Normal(carer.Name) == Normal(row.Name)
            || (carer.Email is not null && row.Email is not null && carer.Email.Equals(row.Email, StringComparison.OrdinalIgnoreCase));

    private static string Normal(string name) => string.Concat(name.Where(char.IsLetter)).ToLowerInvariant();

    private static Carer Copy(Carer carer, string personId, int priority) => new()
    {
        PersonId = personId, Priority = priority, Name = carer.Name, Relationship = carer.Relationship, Email = carer.Email, Phone = carer.Phone,
        ParentalResponsibility = carer.ParentalResponsibility, DoNotContact = carer.DoNotContact, DoNotContactReason = carer.DoNotContactReason,
    };
}
