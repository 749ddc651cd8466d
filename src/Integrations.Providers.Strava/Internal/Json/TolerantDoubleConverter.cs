using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Providers.Strava.Internal;

/// <summary>A number that reads as <see langword="null"/> when it is absent or not a finite number.</summary>
internal sealed class TolerantDoubleConverter : JsonConverter<double?>
{
    public override double? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TolerantJson.TryReadDouble(ref reader, out var value) ? value : null;

    public override void Write(Utf8JsonWriter writer, double? value, JsonSerializerOptions options) => TolerantJson.Write(writer, value);
}
