namespace Integrations;

/// <summary>
/// Configuration of an OpenID Connect provider. Only <see cref="Authority"/>, the client id and
/// (for confidential clients) the secret are needed: the endpoints the options leave empty are read
/// from <c>{Authority}/.well-known/openid-configuration</c>.
/// </summary>
public class OpenIdConnectProviderOptions : OAuthProviderOptions
{
    /// <summary>
    /// The issuer URL, exactly as the provider's discovery document states it (for example
    /// <c>https://accounts.google.com</c>; no trailing slash unless the issuer has one). Required.
    /// </summary>
    public string? Authority { get; set; }

    /// <summary>
    /// Whether the discovery document and every endpoint in it must use https. Default
    /// <see langword="true"/>; http is still accepted for loopback hosts (127.0.0.1, localhost) so a
    /// local development server works without turning this off.
    /// </summary>
    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>How long the discovery document and signing keys are used before they are read again. Default 24 hours.</summary>
    public TimeSpan DiscoveryRefreshInterval { get; set; } = TimeSpan.FromHours(24);

    /// <summary>The clock difference tolerated when checking an id_token's <c>exp</c>, <c>iat</c> and <c>nbf</c>. Default 2 minutes.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromMinutes(2);
}
