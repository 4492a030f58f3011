namespace SchoolSite.Core.Hosting;

/// <summary>CSV exports people open in a spreadsheet.</summary>
public static class Csv
{
    /// <summary>A quoted cell that a spreadsheet never reads as a formula.</summary>
    public static string Cell(string? value)
    {
        var text = value ?? string.Empty;
        if (text.Length > 0 && "=+-@\t\r".Contains(text[0]))
        {
            text = "'" + text;
        }
        return "\"" + text.Replace("\"", "\"\"") + "\"";
    }
}
