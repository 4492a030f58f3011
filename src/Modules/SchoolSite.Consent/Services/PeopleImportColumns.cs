namespace SchoolSite.Consent.Services;

/// <summary>A field of a person that an import reads from a column.</summary>
public enum ImportField { ExternalId, LegalFirstName, LegalLastName, PreferredFirstName, YearGroup, ClassName, Kind }

/// <summary>
/// Which column of a file holds which field: found by the headers the common MIS exports use, matched without
/// regard to case, spaces or punctuation, or given by the school where its export names them otherwise.
/// </summary>
public sealed class PeopleImportColumns
{
    private sealed record Known(ImportField Field, string Label, bool Required, string[] Headers);

    // In order of preference: an export with both "Legal Forename" and "Forename" has the legal name in the first.
    private static readonly Known[] Fields =
    [
        new(ImportField.ExternalId, "the MIS id", true, ["External Id", "MIS ID", "UPN", "Admission No", "Admission Number", "Adno"]),
        new(ImportField.LegalFirstName, "the legal first name", true, ["Legal Forename", "Legal First Name", "Forename", "First Name", "Given Name"]),
        new(ImportField.LegalLastName, "the legal last name", true, ["Legal Surname", "Legal Last Name", "Surname", "Last Name", "Family Name"]),
        new(ImportField.PreferredFirstName, "the preferred first name", false, ["Preferred Forename", "Preferred First Name", "Preferred Name", "Known As"]),
        new(ImportField.YearGroup, "the year group", false, ["Year Group", "NC Year", "Year"]),
        new(ImportField.ClassName, "the class", false, ["Reg Group", "Registration Group", "Class", "Form", "Tutor Group"]),
        new(ImportField.Kind, "pupil or staff", false, ["Kind", "Role"]),
    ];

    private readonly Dictionary<ImportField, int> _index;
    private readonly IReadOnlyList<string> _headers;

    private PeopleImportColumns(Dictionary<ImportField, int> index, IReadOnlyList<string> headers) => (_index, _headers) = (index, headers);

    /// <summary>The column of <paramref name="field"/>, or -1 when the file has none.</summary>
    public int IndexOf(ImportField field) => _index.GetValueOrDefault(field, -1);

    public bool Has(ImportField field) => _index.ContainsKey(field);

    /// <summary>The header of the column of <paramref name="field"/>, as the file writes it, for error messages.</summary>
    public string HeaderOf(ImportField field) => _headers[_index[field]];

    /// <summary>
    /// Finds the columns in <paramref name="headers"/>. <paramref name="mapping"/> (header → field name) comes first; the
    /// usual MIS headers fill in the rest. The errors name what is missing and list the headers the file has.
    /// </summary>
    public static (PeopleImportColumns? Columns, IReadOnlyList<ImportError> Errors) Resolve(IReadOnlyList<string> headers,
        IReadOnlyDictionary<string, string>? mapping)
    {
        var errors = new List<ImportError>();
        var index = new Dictionary<ImportField, int>();
        var taken = new HashSet<int>();
        var found = $"The file's headers are: {string.Join(", ", headers.Select(h => $"\"{h}\""))}.";
        foreach (var (header, fieldName) in mapping ?? new Dictionary<string, string>())
        {
            var column = IndexOf(headers, header);
            if (column < 0)
            {
                errors.Add(new ImportError(1, header, $"the mapping names a column the file does not have. {found}"));
            }
            else if (CarerImportColumns.FieldOf(fieldName) is not null)
            {
                taken.Add(column); // a contact's column (CarerImportColumns reads it)
            }
            else if (Enum.GetNames<ImportField>().FirstOrDefault(n => n.Equals(fieldName.Trim(), StringComparison.OrdinalIgnoreCase)) is not { } name)
            {
                errors.Add(new ImportError(1, header, $"'{fieldName}' is not a field that can be imported: give one of {string.Join(", ", Enum.GetNames<ImportField>())}, or Contact1Name, Contact1Email and so on for contacts."));
            }
            else
            {
                index[Enum.Parse<ImportField>(name)] = column;
                taken.Add(column);
            }
        }
        if (errors.Count > 0)
        {
            return (null, errors); // what else is missing may only be the mapping's mistake
        }
        foreach (var known in Fields.Where(k => !index.ContainsKey(k.Field)))
        {
            var column = known.Headers.Select(h => IndexOf(headers, h)).FirstOrDefault(c => c >= 0 && !taken.Contains(c), -1);
            if (column >= 0)
            {
                index[known.Field] = column;
                taken.Add(column);
            }
        }
        var missing = Fields.Where(k => k.Required && !index.ContainsKey(k.Field)).ToList();
        if (missing.Count > 0)
        {
            var labels = missing.Select(k => k.Label).ToList();
            var what = labels.Count == 1 ? labels[0] : $"{string.Join(", ", labels[..^1])} or {labels[^1]}";
            var names = string.Join("; ", missing.Select(k => $"for {k.Label}: {string.Join(", ", k.Headers.Select(h => $"\"{h}\""))}"));
            return (null, [new ImportError(1, null, $"the file has no column for {what}. {found} Name the columns as an MIS export does ({names}), or map them.")]);
        }
        return (new PeopleImportColumns(index, headers), []);
    }

    private static int IndexOf(IReadOnlyList<string> headers, string header)
    {
        var key = Key(header);
        for (var i = 0; i < headers.Count; i++)
        {
            if (Key(headers[i]) == key)
            {
                return i;
            }
        }
        return -1;
    }

    // "Legal Forename", "legal_forename" and "LEGAL-FORENAME" are the same column.
    private static string Key(string header) => string.Concat(header.Where(char.IsLetterOrDigit)).ToLowerInvariant();
}
