namespace Integrations;

/// <summary>
/// An integration's tokens as they are stored: one ciphertext (produced by <see cref="ITokenProtector"/>)
/// plus the non-secret facts the stores need to query (expiry, whether a refresh token exists).
/// </summary>
/// <param name="Ciphertext">The encrypted token set. Never contains plaintext.</param>
/// <param name="AccessTokenExpiresAt">When the access token expires, when known.</param>
/// <param name="HasRefreshToken">Whether the encrypted set holds a refresh token.</param>
/// <param name="RefreshTokenExpiresAt">When the refresh token expires, when the provider says so.</param>
public sealed record ProtectedTokenSet(
    string Ciphertext,
    DateTimeOffset? AccessTokenExpiresAt,
    bool HasRefreshToken,
    DateTimeOffset? RefreshTokenExpiresAt = null)
{
    /// <inheritdoc />
    public override string ToString() =>
        $"ProtectedTokenSet {{ Ciphertext = [{Ciphertext.Length} chars], AccessTokenExpiresAt = {AccessTokenExpiresAt:O}, HasRefreshToken = {HasRefreshToken} }}";
}
