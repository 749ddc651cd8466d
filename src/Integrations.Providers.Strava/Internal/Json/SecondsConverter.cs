using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Providers.Strava.Internal;

/// <summary>A duration sent as a number of seconds (<c>"moving_time": 4207</c>, <c>"utc_offset": -28800.0</c>).</summary>
internal sealed class SecondsConverter : JsonConverter<TimeSpan?>
{
    // Beyond ten years a "duration" is garbage, and TimeSpan.FromSeconds would overflow long before.
    private const double MaxSeconds = 10 * 366 * 24 * 3600.0;

    public override TimeSpan? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TolerantJson.TryReadDouble(ref reader, out var seconds) && Math.Abs(seconds) <= MaxSeconds ? TimeSpan.FromSeconds(seconds) : null;

    public override void Write(Utf8JsonWriter writer, TimeSpan? value, JsonSerializerOptions options)
    {
        if (value is not { } duration)
        {
            writer.WriteNullValue();
        }
        else if (duration.Ticks % TimeSpan.TicksPerSecond == 0)
        {
            writer.WriteNumberValue((long)duration.TotalSeconds);
        }
        else
        {
            writer.WriteNumberValue(duration.TotalSeconds);
        }
    }
}
