using System.Collections.Immutable;
using System.Text.Json.Serialization;

namespace Integrations.Internal;

/// <summary>
/// The plaintext inside a protected token set: the standard fields of <see cref="TokenSet"/> only
/// (never <see cref="TokenSet.AdditionalData"/>).
/// </summary>
internal sealed class TokenPayload
{
    [JsonPropertyName("access_token")]
    public required string AccessToken { get; init; }

    [JsonPropertyName("refresh_token")]
    public string? RefreshToken { get; init; }

    [JsonPropertyName("expires_at")]
    public DateTimeOffset? ExpiresAt { get; init; }

    [JsonPropertyName("refresh_token_expires_at")]
    public DateTimeOffset? RefreshTokenExpiresAt { get; init; }

    [JsonPropertyName("token_type")]
    public string? TokenType { get; init; }

    [JsonPropertyName("scope")]
    public string[]? Scopes { get; init; }

    [JsonPropertyName("id_token")]
    public string? IdToken { get; init; }

    [JsonPropertyName("issued_at")]
    public DateTimeOffset? IssuedAt { get; init; }

    public static TokenPayload From(TokenSet tokens, DateTimeOffset issuedAt) => new()
    {
        AccessToken = tokens.AccessToken,
        RefreshToken = tokens.RefreshToken,
        ExpiresAt = tokens.ExpiresAt,
        RefreshTokenExpiresAt = tokens.RefreshTokenExpiresAt,
        TokenType = tokens.TokenType,
        Scopes = tokens.Scopes is { } scopes ? [.. scopes] : null,
        IdToken = tokens.IdToken,
        IssuedAt = issuedAt,
    };

    public TokenSet ToTokenSet() => new(AccessToken)
    {
        RefreshToken = RefreshToken,
        ExpiresAt = ExpiresAt,
        RefreshTokenExpiresAt = RefreshTokenExpiresAt,
        TokenType = string.IsNullOrEmpty(TokenType) ? "Bearer" : TokenType,
        Scopes = Scopes is { } scopes ? ImmutableArray.Create(scopes) : null,
        IdToken = IdToken,
        IssuedAt = IssuedAt,
    };
}
