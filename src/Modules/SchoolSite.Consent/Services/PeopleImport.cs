using System.Text;
using System.Text.Unicode;
using CsvHelper;
using Microsoft.EntityFrameworkCore;
using SchoolSite.Consent.Models;
using SchoolSite.Core.Hosting;

namespace SchoolSite.Consent.Services;

/// <summary>What to do with a file: only look, or import; and whether it is the whole roll.</summary>
public sealed record PeopleImportOptions
{
    /// <summary>Work out what would change, and save nothing.</summary>
    public bool Preview { get; init; }

    /// <summary>The file is the whole roll for the kinds of people in it: whoever of those kinds is missing from it has left.</summary>
    public bool Full { get; init; }

    /// <summary>Column header → field name (<see cref="ImportField"/>), for an export whose headers are not the usual ones.</summary>
    public IReadOnlyDictionary<string, string>? Columns { get; init; }

    /// <summary>How many of the file's rows the result shows.</summary>
    public int SampleSize { get; init; } = 20;
}

/// <summary>Something wrong in the file, said so that it can be found and fixed there. The header is line 1.</summary>
public sealed record ImportError(int Line, string? Column, string Message)
{
    public override string ToString() => Column is null ? $"Line {Line}: {Message}" : $"Line {Line}, column {Column}: {Message}";
}

public enum ImportOutcome { Added, Changed, Unchanged }

/// <summary>A row of the file as the register reads it. <see cref="Changes"/> names the fields it changes for someone already on the register.</summary>
public sealed record ImportedRow(int Line, string? PersonId, string ExternalId, PersonKind Kind, string LegalFirstName, string LegalLastName,
    string? PreferredFirstName, string? YearGroup, string? ClassName, ImportOutcome Outcome, IReadOnlyList<string> Changes);

/// <summary>What an import did, or in a preview would do; or, when there are errors, why it did nothing.</summary>
public sealed record PeopleImportResult(int Added, int Changed, int Unchanged, int MarkedLeft, bool Preview,
    IReadOnlyList<ImportedRow> Rows, IReadOnlyList<ImportError> Errors)
{
    public bool Succeeded => Errors.Count == 0;

    public static PeopleImportResult Failed(IReadOnlyList<ImportError> errors, bool preview) => new(0, 0, 0, 0, preview, [], errors);
}

/// <summary>
/// Brings the people register in line with a CSV export from the school's MIS. People are matched by MIS id and
/// saved only where something differs, so the same file imported twice changes nothing the second time. A file
/// with any error imports nothing. A full import marks whoever is missing as Left; nobody is deleted, so their
/// consent history stays.
/// </summary>
public sealed class PeopleImport(PeopleRegister register)
{
    private const int ProgressEvery = 500;

    private const int IdLength = Person.IdLength, NameLength = Person.NameLength, GroupLength = Person.GroupLength;

    private sealed record FileRow(int Line, string ExternalId, PersonKind? Kind, string LegalFirstName, string LegalLastName,
        string? PreferredFirstName, string? YearGroup, string? ClassName, IReadOnlyList<CarerRow>? Carers);

    /// <summary>A person as the file leaves them; <paramref name="Carers"/>: their contacts after the import, when the file has contacts and they change.</summary>
    private sealed record Planned(FileRow Row, Person Person, bool IsNew, IReadOnlyList<string> Changes, CarerChange? Carers = null)
    {
        public ImportOutcome Outcome => IsNew ? ImportOutcome.Added : Changes.Count > 0 ? ImportOutcome.Changed : ImportOutcome.Unchanged;
    }

    /// <summary>Imports <paramref name="file"/>, or previews it. <paramref name="progress"/> hears how many rows have been read and checked.</summary>
    public async Task<PeopleImportResult> RunAsync(ReadOnlyMemory<byte> file, PeopleImportOptions options, string actor,
        IProgress<int>? progress = null, CancellationToken cancellationToken = default)
    {
        var errors = new List<ImportError>();
        await using var csv = Open(file, errors);
        await csv.ReadHeaderAsync(cancellationToken);
        if (csv.Headers.Count == 0)
        {
            return PeopleImportResult.Failed([new ImportError(1, null, "the file is empty: its first line should name the columns, as an MIS export does.")], options.Preview);
        }
        var (columns, columnErrors) = PeopleImportColumns.Resolve(csv.Headers, options.Columns);
        if (columns is null)
        {
            return PeopleImportResult.Failed(columnErrors, options.Preview);
        }
        var carerColumns = CarerImportColumns.Resolve(csv.Headers, options.Columns);
        var rows = await ReadAsync(csv, columns, carerColumns, errors, progress, cancellationToken);
        if (options.Full && rows.Count == 0 && errors.Count == 0)
        {
            errors.Add(new ImportError(1, null, "the file has nobody in it, so a full import would mark everyone as Left. Check that it is the right file."));
        }
        if (errors.Count > 0)
        {
            return PeopleImportResult.Failed(errors.OrderBy(e => e.Line).ToList(), options.Preview);
        }

        var byMisId = await register.Db.People.ToDictionaryAsync(p => p.ExternalId, StringComparer.Ordinal, cancellationToken);
        var carersOf = carerColumns.Any ? (await register.Db.Carers.ToListAsync(cancellationToken)).ToLookup(c => c.PersonId) : null;
        var plan = rows.Select(row => Plan(row, byMisId.GetValueOrDefault(row.ExternalId), columns, carersOf)).ToList();
        var leaving = options.Full ? Leaving(rows, byMisId.Values) : [];
        if (!options.Preview)
        {
            await SaveAsync(plan, leaving, columns, actor);
        }
        progress?.Report(plan.Count);
        var sample = plan.Take(options.SampleSize).Select(p => Describe(p, options.Preview)).ToList();
        return new PeopleImportResult(plan.Count(p => p.Outcome == ImportOutcome.Added), plan.Count(p => p.Outcome == ImportOutcome.Changed),
            plan.Count(p => p.Outcome == ImportOutcome.Unchanged), leaving.Count, options.Preview, sample, []);
    }

    private static CsvReader Open(ReadOnlyMemory<byte> file, List<ImportError> errors)
    {
        var options = CsvReaderOptions.Default with
        {
            TrackLineNumbers = true,
            TrimWhitespace = true,
            OnMalformedRecord = record =>
            {
                // A stray quote in an unquoted value (O"Brien) is read as text; these two change what the values are.
                if (record.Reason == CsvMalformedReason.UnterminatedQuote)
                {
                    errors.Add(new ImportError((int)record.LineNumber, null, "a value opens a double quote that is never closed, so the rest of the file reads as one value."));
                }
                else if (record.Reason == CsvMalformedReason.TextAfterClosingQuote)
                {
                    errors.Add(new ImportError((int)record.LineNumber, null, "there is text after the closing double quote of a value; put the whole value in quotes."));
                }
            },
        };
        // Excel's "CSV (Comma delimited)" is written in the Windows code page, not UTF-8: without this, Zoë would be imported as Zo�.
        var bytes = file.Span;
        var unicodeBom = bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]);
        return unicodeBom || Utf8.IsValid(bytes)
            ? CsvReader.Create(file, options)
            : CsvReader.FromText(CodePagesEncodingProvider.Instance.GetEncoding(1252)!.GetString(bytes), options);
    }

    private static async Task<List<FileRow>> ReadAsync(CsvReader csv, PeopleImportColumns columns, CarerImportColumns carerColumns, List<ImportError> errors,
        IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var rows = new List<FileRow>();
        var firstLineOf = new Dictionary<string, int>(StringComparer.Ordinal);
        var headerCount = csv.Headers.Count;
        var read = 0;
        while (await csv.ReadAsync(cancellationToken))
        {
            var line = (int)csv.LineNumber;
            if (Enumerable.Range(0, csv.FieldCount).All(csv.IsEmpty))
            {
                continue; // a row of empty cells, as spreadsheets leave below the data
            }
            if (++read % ProgressEvery == 0)
            {
                progress?.Report(read);
            }
            string? Cell(ImportField field) => columns.IndexOf(field) is var i and >= 0 && csv.GetString(i).Trim() is { Length: > 0 } value ? value : null;
            string? Checked(ImportField field, string label, int max, bool required)
            {
                var value = Cell(field);
                if (value is null && required)
                {
                    errors.Add(new ImportError(line, columns.HeaderOf(field), $"{label} is required."));
                }
                else if (value?.Length > max)
                {
                    errors.Add(new ImportError(line, columns.HeaderOf(field), $"{label} is {value.Length} characters long; the register holds at most {max}."));
                }
                // The same characters are refused here as in the API and the admin's forms: one rule for every way in.
                else if (TextLimits.CharacterProblem(label, value) is { } problem)
                {
                    errors.Add(new ImportError(line, columns.HeaderOf(field), problem));
                }
                return value;
            }

            if (Enumerable.Range(headerCount, Math.Max(0, csv.FieldCount - headerCount)).Any(i => !csv.IsEmpty(i)))
            {
                errors.Add(new ImportError(line, null,
                    $"the row has {csv.FieldCount} values but the header names {headerCount} columns; a value with a comma in it must be in double quotes."));
                continue;
            }
            var externalId = Checked(ImportField.ExternalId, "the MIS id", IdLength, required: true);
            var first = Checked(ImportField.LegalFirstName, "the legal first name", NameLength, required: true);
            var last = Checked(ImportField.LegalLastName, "the legal last name", NameLength, required: true);
            var preferred = Checked(ImportField.PreferredFirstName, "the preferred first name", NameLength, required: false);
            var year = Checked(ImportField.YearGroup, "the year group", GroupLength, required: false);
            var className = Checked(ImportField.ClassName, "the class", GroupLength, required: false);
            PersonKind? kind = null;
            if (Cell(ImportField.Kind) is { } kindText)
            {
                kind = KindOf(kindText);
                if (kind is null)
                {
                    errors.Add(new ImportError(line, columns.HeaderOf(ImportField.Kind), $"'{kindText}' is not a kind of person the register keeps: give Pupil or Staff."));
                }
            }
            if (externalId is not null && !firstLineOf.TryAdd(externalId, line))
            {
                errors.Add(new ImportError(line, columns.HeaderOf(ImportField.ExternalId),
                    $"the MIS id '{externalId}' is also on line {firstLineOf[externalId]}: each person must be in the file once."));
            }
            var carers = carerColumns.Any ? carerColumns.Read(line, i => i < csv.FieldCount && csv.GetString(i).Trim() is { Length: > 0 } v ? v : null, errors) : null;
            if (externalId is not null && first is not null && last is not null)
            {
                rows.Add(new FileRow(line, externalId, kind, first, last, preferred, year, className, carers));
            }
        }
        return rows;
    }

    private static PersonKind? KindOf(string text) => text.ToLowerInvariant() switch
    {
        "pupil" or "student" => PersonKind.Pupil,
        "staff" or "teacher" => PersonKind.Staff,
        _ => null,
    };

    private static Planned Plan(FileRow row, Person? existing, PeopleImportColumns columns, ILookup<string, Carer>? carersOf)
    {
        if (existing is null)
        {
            var person = new Person { Id = Core.Data.IdGenerator.New(), ExternalId = row.ExternalId, LegalFirstName = row.LegalFirstName, LegalLastName = row.LegalLastName };
            Apply(row, person, columns);
            return new Planned(row, person, IsNew: true, [], row.Carers is { Count: > 0 } given ? CarerChange.For(person.Id, [], given) : null);
        }
        var changes = new List<string>();
        void Compare(string field, string? now, string? was)
        {
            if (now != was && !(string.IsNullOrEmpty(now) && string.IsNullOrEmpty(was)))
            {
                changes.Add(field);
            }
        }
        if (row.Kind is { } kind && kind != existing.Kind) changes.Add("kind");
        Compare("legalFirstName", row.LegalFirstName, existing.LegalFirstName);
        Compare("legalLastName", row.LegalLastName, existing.LegalLastName);
        if (columns.Has(ImportField.PreferredFirstName)) Compare("preferredFirstName", row.PreferredFirstName, existing.PreferredFirstName);
        if (columns.Has(ImportField.YearGroup)) Compare("yearGroup", row.YearGroup, existing.YearGroup);
        if (columns.Has(ImportField.ClassName)) Compare("className", row.ClassName, existing.ClassName);
        if (existing.Status == PersonStatus.Left) changes.Add("status");
        var carers = row.Carers is { } rows && carersOf is not null ? CarerChange.For(existing.Id, carersOf[existing.Id].ToList(), rows) : null;
        if (carers is not null)
        {
            changes.Add("contacts");
        }
        return new Planned(row, existing, IsNew: false, changes, carers);
    }

    /// <summary>Sets what the file says. A column the file does not have leaves that field as it is; NeverPublish is the school's, never the MIS's.</summary>
    private static void Apply(FileRow row, Person person, PeopleImportColumns columns)
    {
        person.Kind = row.Kind ?? person.Kind;
        person.LegalFirstName = row.LegalFirstName;
        person.LegalLastName = row.LegalLastName;
        if (columns.Has(ImportField.PreferredFirstName)) person.PreferredFirstName = row.PreferredFirstName;
        if (columns.Has(ImportField.YearGroup)) person.YearGroup = row.YearGroup;
        if (columns.Has(ImportField.ClassName)) person.ClassName = row.ClassName;
        person.Status = PersonStatus.OnRoll; // in the file, so on roll: someone who had left has come back
    }

    /// <summary>
    /// On the register and on roll, of a kind the file lists, but not in the file. A row that does not say its kind counts
    /// as a pupil here, so a pupil export never marks staff as Left.
    /// </summary>
    private static List<Person> Leaving(List<FileRow> rows, IEnumerable<Person> people)
    {
        var kinds = rows.Select(r => r.Kind ?? PersonKind.Pupil).ToHashSet();
        var inFile = rows.Select(r => r.ExternalId).ToHashSet(StringComparer.Ordinal);
        return people.Where(p => p.Status == PersonStatus.OnRoll && kinds.Contains(p.Kind) && !inFile.Contains(p.ExternalId)).ToList();
    }

    private async Task SaveAsync(List<Planned> plan, List<Person> leaving, PeopleImportColumns columns, string actor)
    {
        var before = new Dictionary<string, string>();
        foreach (var changed in plan.Where(p => p.Outcome == ImportOutcome.Changed))
        {
            before[changed.Person.Id] = PeopleRegister.Snapshot(changed.Person);
            Apply(changed.Row, changed.Person, columns);
        }
        foreach (var person in leaving)
        {
            before[person.Id] = PeopleRegister.Snapshot(person);
            person.Status = PersonStatus.Left;
        }
        await register.SaveAsync(plan.Where(p => p.IsNew).Select(p => p.Person).ToList(), before, actor,
            plan.Select(p => p.Carers).OfType<CarerChange>().ToList());
    }

    private static ImportedRow Describe(Planned planned, bool preview)
    {
        var (row, person) = (planned.Row, planned.Person);
        return new ImportedRow(row.Line, planned.IsNew && preview ? null : person.Id, row.ExternalId, row.Kind ?? person.Kind, row.LegalFirstName,
            row.LegalLastName, row.PreferredFirstName, row.YearGroup, row.ClassName, planned.Outcome, planned.Changes);
    }
}
