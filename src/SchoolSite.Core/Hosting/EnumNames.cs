using System.Text.Json;
using System.Text.Json.Serialization;

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

    /// <summary>The same rule for an input's choice read from JSON (<see cref="JsonBody"/>): a name, never a number or a list of names.</summary>
    public sealed class JsonConverter : JsonConverterFactory
    {
        public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

        public override System.Text.Json.Serialization.JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options)
            => (System.Text.Json.Serialization.JsonConverter)Activator.CreateInstance(typeof(ByName<>).MakeGenericType(typeToConvert))!;

        private sealed class ByName<T> : JsonConverter<T> where T : struct, Enum
        {
            public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
                => reader.TokenType == JsonTokenType.String && TryParse<T>(reader.GetString(), out var value)
                    ? value
                    : throw new JsonException($"Expected {JsonTypes.Choices(Enum.GetNames<T>())}.");

            public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(value.ToString());
        }
    }
}
