namespace SchoolSite.Core.Hosting;

/// <summary>
/// Reads a choice (a kind, a status) only from its name, ignoring case. <see cref="Enum.TryParse{TEnum}(string?, bool, out TEnum)"/>
/// would also take "5" or "Granted,Refused" and store a value nobody chose.
/// </summary>
public static class EnumNames
{
    public static bool TryParse<T>(string? text, out T value) where T : struct, Enum
    {
        var name = text?.Trim();
        foreach (var candidate in Enum.GetNames<T>())
        {
            if (string.Equals(candidate, name, StringComparison.OrdinalIgnoreCase))
            {
                value = Enum.Parse<T>(candidate);
                return true;
            }
        }
        value = default;
        return false;
    }
}
