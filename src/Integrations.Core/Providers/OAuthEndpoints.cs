namespace Integrations;

/// <summary>
/// The endpoints a provider uses, as resolved from its options (and, for OpenID Connect, its
/// discovery document).
/// </summary>
/// <param name="AuthorizationEndpoint">Where the user is sent to consent.</param>
/// <param name="TokenEndpoint">Where codes are exchanged and tokens refreshed.</param>
public sealed record OAuthEndpoints(Uri AuthorizationEndpoint, Uri TokenEndpoint)
{
    /// <summary>The userinfo endpoint, when the provider has one.</summary>
    public Uri? UserInfoEndpoint { get; init; }

    /// <summary>The revocation endpoint (RFC 7009), when the provider has one.</summary>
    public Uri? RevocationEndpoint { get; init; }
}
