using System.Text.Json;

namespace Integrations.Internal;

/// <summary>The claim checks of OpenID Connect Core §3.1.3.7 on a verified id_token.</summary>
internal static class IdTokenClaims
{
    /// <summary>Returns why the claims are not acceptable, or <see langword="null"/> when they are.</summary>
    public static string? Validate(JsonElement payload, string issuer, string clientId, string? expectedNonce, DateTimeOffset now, TimeSpan skew)
    {
        if (Text(payload, "iss") != issuer)
        {
            return "its issuer (iss) is not the provider's issuer";
        }

        if (!HasAudience(payload, clientId))
        {
            return "its audience (aud) does not contain the client id";
        }

        if (Text(payload, "azp") is { } azp && azp != clientId)
        {
            return "its authorized party (azp) is not the client id";
        }

        if (string.IsNullOrEmpty(Text(payload, "sub")))
        {
            return "it has no subject (sub)";
        }

        if (Seconds(payload, "exp") is not { } exp)
        {
            return "it has no expiry (exp)";
        }

        if (now - skew >= exp)
        {
            return "it has expired (exp)";
        }

        if (Seconds(payload, "iat") is { } iat && iat > now + skew)
        {
            return "it was issued in the future (iat)";
        }

        if (Seconds(payload, "nbf") is { } nbf && nbf > now + skew)
        {
            return "it is not valid yet (nbf)";
        }

        if (expectedNonce is not null && Text(payload, "nonce") != expectedNonce)
        {
            return "its nonce does not match the one sent in the authorization request";
        }

        return null;
    }

    public static string? Text(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static bool HasAudience(JsonElement payload, string clientId)
    {
        if (!payload.TryGetProperty("aud", out var aud))
        {
            return false;
        }

        return aud.ValueKind switch
        {
            JsonValueKind.String => aud.GetString() == clientId,
            JsonValueKind.Array => aud.EnumerateArray().Any(a => a.ValueKind == JsonValueKind.String && a.GetString() == clientId),
            _ => false,
        };
    }

    private static DateTimeOffset? Seconds(JsonElement payload, string name) =>
        payload.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out var seconds)
            && seconds is >= 0 and < 253402300799
            ? DateTimeOffset.UnixEpoch.AddSeconds(seconds)
            : null;
}
