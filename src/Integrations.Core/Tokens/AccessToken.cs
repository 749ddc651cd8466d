namespace Integrations;

/// <summary>
/// A valid access token handed out by <see cref="IAccessTokenProvider"/>. The same instance is
/// returned for as long as the token stays valid, so getting it allocates nothing.
/// </summary>
public sealed class AccessToken
{
    /// <summary>Creates an access token.</summary>
    /// <param name="value">The token.</param>
    /// <param name="tokenType">The token type, usually <c>Bearer</c>.</param>
    /// <param name="expiresAt">When it expires, when known.</param>
    public AccessToken(string value, string tokenType, DateTimeOffset? expiresAt)
    {
        ArgumentException.ThrowIfNullOrEmpty(value);
        ArgumentException.ThrowIfNullOrEmpty(tokenType);
        Value = value;
        TokenType = tokenType;
        ExpiresAt = expiresAt;
    }

    /// <summary>The token to send in the <c>Authorization</c> header.</summary>
    public string Value { get; }

    /// <summary>The token type, usually <c>Bearer</c>.</summary>
    public string TokenType { get; }

    /// <summary>When the token expires, when known.</summary>
    public DateTimeOffset? ExpiresAt { get; }

    /// <inheritdoc />
    public override string ToString() => $"AccessToken {{ TokenType = {TokenType}, ExpiresAt = {ExpiresAt:O} }}";
}
