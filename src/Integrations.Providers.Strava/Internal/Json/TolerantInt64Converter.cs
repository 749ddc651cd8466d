using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Providers.Strava.Internal;

/// <summary>A 64-bit integer that reads as <see langword="null"/> when it is absent, too large or not a number.</summary>
internal sealed class TolerantInt64Converter : JsonConverter<long?>
{
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TolerantJson.TryReadInt64(ref reader, out var value) ? value : null;

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options) => TolerantJson.Write(writer, value);
}
