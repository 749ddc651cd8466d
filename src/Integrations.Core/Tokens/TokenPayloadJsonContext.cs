using System.Text.Json.Serialization;

namespace Integrations.Internal;

/// <summary>Source-generated JSON for <see cref="TokenPayload"/> (trimming and AOT friendly).</summary>
[JsonSourceGenerationOptions(DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(TokenPayload))]
internal sealed partial class TokenPayloadJsonContext : JsonSerializerContext;
