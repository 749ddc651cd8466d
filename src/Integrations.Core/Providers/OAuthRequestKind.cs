namespace Integrations;

/// <summary>Which of a provider's endpoints a backchannel request goes to; decides how errors are read.</summary>
public enum OAuthRequestKind
{
    /// <summary>The token endpoint, exchanging an authorization code (<c>grant_type=authorization_code</c>).</summary>
    CodeExchange = 0,

    /// <summary>The token endpoint, using a refresh token (<c>grant_type=refresh_token</c>).</summary>
    Refresh = 1,

    /// <summary>The revocation endpoint (RFC 7009) or the provider's equivalent.</summary>
    Revocation = 2,

    /// <summary>The userinfo endpoint or the provider's profile API.</summary>
    UserInfo = 3,

    /// <summary>Metadata the provider publishes: the OpenID Connect discovery document and its signing keys (JWKS).</summary>
    Metadata = 4,
}
