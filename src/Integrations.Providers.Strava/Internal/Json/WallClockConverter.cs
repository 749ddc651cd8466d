using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Providers.Strava.Internal;

/// <summary>
/// A local wall-clock time that Strava writes with a misleading <c>Z</c>
/// (<c>"start_date_local": "2018-02-16T06:52:54Z"</c> is 06:52:54 where the activity happened, not
/// UTC). Read as the clock time written, with <see cref="DateTimeKind.Unspecified"/>; written back in
/// Strava's format.
/// </summary>
internal sealed class WallClockConverter : JsonConverter<DateTime?>
{
    public override DateTime? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String
        && DateTimeOffset.TryParse(reader.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var written)
            ? DateTime.SpecifyKind(written.DateTime, DateTimeKind.Unspecified)
            : TolerantJson.SkipToNull<DateTime>(ref reader);

    public override void Write(Utf8JsonWriter writer, DateTime? value, JsonSerializerOptions options)
    {
        if (value is { } clock)
        {
            writer.WriteStringValue(Format(clock));
        }
        else
        {
            writer.WriteNullValue();
        }
    }

    /// <summary>The wall-clock time as Strava writes it (with its <c>Z</c>), whatever the value's kind.</summary>
    public static string Format(DateTime clock) => clock.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
