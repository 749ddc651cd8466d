using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Providers.Strava.Internal;

/// <summary>A <c>[lat, lng]</c> pair; an empty array (an activity without GPS) or anything odd reads as <see langword="null"/>.</summary>
internal sealed class LatLngConverter : JsonConverter<StravaLatLng?>
{
    public override StravaLatLng? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartArray)
        {
            reader.Skip();
            return null;
        }

        Span<double> values = stackalloc double[2];
        var count = 0;
        var valid = true;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (count < 2 && TolerantJson.TryReadDouble(ref reader, out var value))
            {
                values[count] = value;
            }
            else
            {
                reader.Skip();
                valid = false;
            }

            count++;
        }

        return valid && count == 2 ? new StravaLatLng(values[0], values[1]) : null;
    }

    public override void Write(Utf8JsonWriter writer, StravaLatLng? value, JsonSerializerOptions options)
    {
        writer.WriteStartArray();
        if (value is { } point)
        {
            writer.WriteNumberValue(point.Latitude);
            writer.WriteNumberValue(point.Longitude);
        }

        writer.WriteEndArray();
    }
}
