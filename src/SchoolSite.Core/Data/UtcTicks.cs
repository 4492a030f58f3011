using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace SchoolSite.Core.Data;

/// <summary>
/// Instants are stored as Unix milliseconds (Int64): both engines sort and filter them, and no
/// offset can sneak in (EF on SQLite cannot compare DateTimeOffset; Npgsql refuses non-UTC offsets).
/// </summary>
public static class UtcTicks
{
    public static readonly ValueConverter<DateTime, long> Converter = new(
        value => new DateTimeOffset(DateTime.SpecifyKind(value, DateTimeKind.Utc)).ToUnixTimeMilliseconds(),
        stored => DateTimeOffset.FromUnixTimeMilliseconds(stored).UtcDateTime);

    public static readonly ValueConverter<DateTimeOffset, long> OffsetConverter = new(
        value => value.ToUnixTimeMilliseconds(),
        stored => DateTimeOffset.FromUnixTimeMilliseconds(stored));
}
