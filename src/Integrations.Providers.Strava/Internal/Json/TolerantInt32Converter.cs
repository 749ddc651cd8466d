using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Providers.Strava.Internal;

/// <summary>A 32-bit integer that reads as <see langword="null"/> when it is absent, out of range or not a number.</summary>
internal sealed class TolerantInt32Converter : JsonConverter<int?>
{
    public override int? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TolerantJson.TryReadInt64(ref reader, out var value) && value is >= int.MinValue and <= int.MaxValue ? (int)value : null;

    public override void Write(Utf8JsonWriter writer, int? value, JsonSerializerOptions options) => TolerantJson.Write(writer, value);
}
