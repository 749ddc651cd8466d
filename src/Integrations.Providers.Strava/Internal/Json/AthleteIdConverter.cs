using System.Text.Json;
using System.Text.Json.Serialization;

namespace Integrations.Providers.Strava.Internal;

/// <summary>Strava's <c>MetaAthlete</c> (<c>"athlete": {"id": 134815, "resource_state": 1}</c>) read as the athlete id.</summary>
internal sealed class AthleteIdConverter : JsonConverter<long?>
{
    public override long? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return TolerantJson.TryReadInt64(ref reader, out var bare) ? bare : null;
        }

        long? id = null;
        while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
        {
            var isId = reader.ValueTextEquals("id"u8);
            reader.Read();
            if (isId && TolerantJson.TryReadInt64(ref reader, out var value))
            {
                id = value;
            }
            else
            {
                reader.Skip();
            }
        }

        return id;
    }

    public override void Write(Utf8JsonWriter writer, long? value, JsonSerializerOptions options)
    {
        if (value is not { } id)
        {
            writer.WriteNullValue();
            return;
        }

        writer.WriteStartObject();
        writer.WriteNumber("id"u8, id);
        writer.WriteEndObject();
    }
}
