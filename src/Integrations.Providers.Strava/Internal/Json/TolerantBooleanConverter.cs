using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Providers.Strava.Internal;

/// <summary>A flag sent as <c>true</c>/<c>false</c>, <c>"true"</c>/<c>"false"</c> or <c>1</c>/<c>0</c>; anything else (or <c>null</c>) reads as <see langword="false"/>.</summary>
internal sealed class TolerantBooleanConverter : JsonConverter<bool>
{
    public override bool HandleNull => true;

    public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        TolerantJson.TryReadBoolean(ref reader) ?? false;

    public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
}
