using System.Collections.Immutable;
using System.Text.Json;

namespace Integrations;

/// <summary>
/// The tokens of one grant, in plaintext, in memory only. Stored only through
/// <see cref="ITokenProtector"/>; <see cref="ToString"/> never prints a token. Change a copy with
/// <c>with</c>, for example <c>tokens with { RefreshToken = stored }</c>.
/// </summary>
public sealed record TokenSet
{
    /// <summary>Creates a token set.</summary>
    /// <param name="accessToken">The access token; required.</param>
    public TokenSet(string accessToken)
    {
        AccessToken = accessToken;
    }

    /// <summary>The access token; never null or empty.</summary>
    public string AccessToken
    {
        get;
        init
        {
            ArgumentException.ThrowIfNullOrEmpty(value);
            field = value;
        }
    }

    /// <summary>The refresh token, when the provider issued one.</summary>
    public string? RefreshToken { get; init; }

    /// <summary>When the access token expires, when known.</summary>
    public DateTimeOffset? ExpiresAt { get; init; }

    /// <summary>When the refresh token expires, when the provider says so.</summary>
    public DateTimeOffset? RefreshTokenExpiresAt { get; init; }

    /// <summary>The token type; <c>Bearer</c> for nearly every provider.</summary>
    public string TokenType { get; init; } = "Bearer";

    /// <summary>The scopes the token response reported, or <see langword="null"/> when it did not say.</summary>
    public ImmutableArray<string>? Scopes { get; init; }

    /// <summary>The OpenID Connect ID token, when one was issued.</summary>
    public string? IdToken { get; init; }

    /// <summary>
    /// When the tokens were issued, when known. The SDK stamps the time it stores tokens that carry
    /// none; the refresh windows of short-lived tokens are fitted to the lifetime from this time to
    /// <see cref="ExpiresAt"/>, so a token living 60 seconds is not refreshed on every use.
    /// </summary>
    public DateTimeOffset? IssuedAt { get; init; }

    /// <summary>
    /// Non-standard fields of the token response (for example Strava's <c>athlete</c>), for the
    /// provider to read during the connect flow. Never stored.
    /// </summary>
    public IReadOnlyDictionary<string, JsonElement> AdditionalData { get; init; } = ImmutableDictionary<string, JsonElement>.Empty;

    /// <inheritdoc />
    public override string ToString() =>
        $"TokenSet {{ TokenType = {TokenType}, ExpiresAt = {ExpiresAt:O}, HasRefreshToken = {RefreshToken is not null}, HasIdToken = {IdToken is not null} }}";
}
