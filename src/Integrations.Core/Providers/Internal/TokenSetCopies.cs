namespace Integrations.Internal;

/// <summary>Copies of a <see cref="TokenSet"/> with one part replaced (the type has no <c>with</c>: it is a class guarding its token).</summary>
internal static class TokenSetCopies
{
    /// <summary>The same tokens without the id_token (one that failed validation).</summary>
    public static TokenSet WithoutIdToken(this TokenSet tokens) => Copy(tokens, tokens.RefreshToken, tokens.RefreshTokenExpiresAt, idToken: null);

    /// <summary>The same tokens carrying another refresh token (the stored one, when a response brought none).</summary>
    public static TokenSet WithRefreshToken(this TokenSet tokens, string refreshToken, DateTimeOffset? refreshTokenExpiresAt) =>
        Copy(tokens, refreshToken, refreshTokenExpiresAt, tokens.IdToken);

    private static TokenSet Copy(TokenSet tokens, string? refreshToken, DateTimeOffset? refreshTokenExpiresAt, string? idToken) => new(tokens.AccessToken)
    {
        RefreshToken = refreshToken,
        RefreshTokenExpiresAt = refreshTokenExpiresAt,
        IdToken = idToken,
        ExpiresAt = tokens.ExpiresAt,
        TokenType = tokens.TokenType,
        Scopes = tokens.Scopes,
        AdditionalData = tokens.AdditionalData,
    };
}
