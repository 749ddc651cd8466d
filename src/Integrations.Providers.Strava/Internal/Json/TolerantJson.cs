using System.Globalization;
using System.Text.Json;

namespace Integrations.Providers.Strava.Internal;

/// <summary>
/// Reads the scalar values of Strava's payloads leniently: a number may come as a JSON number or a
/// numeric string, and a value that does not fit (the documented <c>"upload_id": 987654321234567891234</c>)
/// or has the wrong type reads as "absent" instead of failing the whole page.
/// </summary>
internal static class TolerantJson
{
    public static bool TryReadInt64(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        switch (reader.TokenType)
        {
            case JsonTokenType.Number:
                return reader.TryGetInt64(out value);
            case JsonTokenType.String:
                return long.TryParse(reader.GetString(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value);
            default:
                reader.Skip();
                return false;
        }
    }

    public static bool TryReadDouble(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        var read = reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetDouble(out value),
            JsonTokenType.String => double.TryParse(reader.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out value),
            _ => Skip(ref reader),
        };
        return read && double.IsFinite(value);
    }

    public static bool? TryReadBoolean(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.True => true,
        JsonTokenType.False => false,
        JsonTokenType.String => reader.GetString() is { } text && bool.TryParse(text.Trim(), out var parsed) ? parsed : null,
        JsonTokenType.Number => reader.TryGetInt64(out var number) ? number != 0 : null,
        _ => SkipToNull<bool>(ref reader),
    };

    /// <summary>Writes a number, or <c>null</c>.</summary>
    public static void Write(Utf8JsonWriter writer, long? value)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>Writes a number, or <c>null</c>.</summary>
    public static void Write(Utf8JsonWriter writer, double? value)
    {
        if (value is { } number)
        {
            writer.WriteNumberValue(number);
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>Skips the current value (an object or array entirely) and returns <see langword="false"/>.</summary>
    public static bool Skip(ref Utf8JsonReader reader)
    {
        reader.Skip();
        return false;
    }

    /// <summary>Skips the current value and returns <see langword="null"/> (a value of the wrong type reads as absent).</summary>
    public static T? SkipToNull<T>(ref Utf8JsonReader reader)
        where T : struct
    {
        reader.Skip();
        return null;
    }
}
