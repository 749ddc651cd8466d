using System.Buffers.Text;
using System.Text;
using System.Text.Json;

namespace Integrations.Internal;

/// <summary>A JWS in compact serialization, split and decoded but not yet verified.</summary>
internal sealed class JsonWebToken
{
    private JsonWebToken(JsonElement header, JsonElement payload, byte[] signingInput, byte[] signature)
    {
        Header = header;
        Payload = payload;
        SigningInput = signingInput;
        Signature = signature;
    }

    public JsonElement Header { get; }

    public JsonElement Payload { get; }

    /// <summary>The ASCII bytes of <c>header.payload</c>, which the signature covers.</summary>
    public byte[] SigningInput { get; }

    public byte[] Signature { get; }

    public string? Algorithm => Header.TryGetProperty("alg", out var alg) && alg.ValueKind == JsonValueKind.String ? alg.GetString() : null;

    public string? KeyId => Header.TryGetProperty("kid", out var kid) && kid.ValueKind == JsonValueKind.String ? kid.GetString() : null;

    public static bool TryRead(string compact, out JsonWebToken token)
    {
        token = null!;
        var first = compact.IndexOf('.', StringComparison.Ordinal);
        var second = first < 0 ? -1 : compact.IndexOf('.', first + 1);
        if (first <= 0 || second <= first + 1 || compact.IndexOf('.', second + 1) >= 0)
        {
            return false;
        }

        try
        {
            var header = ParseObject(compact.AsSpan(0, first));
            var payload = ParseObject(compact.AsSpan(first + 1, second - first - 1));
            if (header is null || payload is null)
            {
                return false;
            }

            token = new JsonWebToken(header.Value, payload.Value, Encoding.ASCII.GetBytes(compact, 0, second), Base64Url.DecodeFromChars(compact.AsSpan(second + 1)));
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static JsonElement? ParseObject(ReadOnlySpan<char> encoded)
    {
        try
        {
            using var document = JsonDocument.Parse(Base64Url.DecodeFromChars(encoded));
            return document.RootElement.ValueKind == JsonValueKind.Object ? document.RootElement.Clone() : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
