using System.Globalization;
using System.Text.Json;

namespace Integrations.Internal;

/// <summary>Lenient readers for the JSON fields providers send (ids as numbers or strings, nested paths).</summary>
internal static class JsonFields
{
    /// <summary>
    /// Finds a member by name, or by a dotted path (<c>athlete.id</c>) when no member has that
    /// exact name.
    /// </summary>
    public static bool TryGet(JsonElement obj, string path, out JsonElement value)
    {
        value = default;
        if (obj.ValueKind != JsonValueKind.Object)
        {
            return false;
        }

        if (obj.TryGetProperty(path, out value))
        {
            return true;
        }

        var current = obj;
        foreach (var segment in path.Split('.'))
        {
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(segment, out current))
            {
                value = default;
                return false;
            }
        }

        value = current;
        return true;
    }

    /// <summary>Reads a string, or a number as its JSON text (so numeric ids keep every digit).</summary>
    public static string? GetText(JsonElement obj, string? path)
    {
        if (string.IsNullOrEmpty(path) || !TryGet(obj, path, out var value))
        {
            return null;
        }

        return value.ValueKind switch
        {
            JsonValueKind.String => value.GetString() is { Length: > 0 } text ? text : null,
            JsonValueKind.Number => value.GetRawText(),
            _ => null,
        };
    }

    /// <summary>Reads a number of seconds sent as a JSON number or a numeric string.</summary>
    public static bool TryGetSeconds(JsonElement value, out double seconds)
    {
        seconds = 0;
        return value.ValueKind switch
        {
            JsonValueKind.Number => value.TryGetDouble(out seconds) && double.IsFinite(seconds),
            JsonValueKind.String => double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out seconds) && double.IsFinite(seconds),
            _ => false,
        };
    }
}
