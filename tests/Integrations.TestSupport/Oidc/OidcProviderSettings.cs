namespace Integrations.TestSupport.Oidc;

/// <summary>Environment settings of one oidc-provider process (see tests/oidc-provider/server.mjs).</summary>
public sealed record OidcProviderSettings
{
    /// <summary>
    /// Access token lifetime in seconds. Tests make the SDK see expiry by moving its fake clock; the
    /// server runs on real time, so its tokens must outlive a test's real duration. Default 60.
    /// </summary>
    public int AccessTokenTtlSeconds { get; init; } = 60;

    /// <summary><c>always</c> (a refresh token for every client) or <c>offline_access</c>.</summary>
    public string RefreshTokenPolicy { get; init; } = "always";

    /// <summary>Redirect URIs registered for every client.</summary>
    public string RedirectUris { get; init; } = "http://127.0.0.1:5599/callback,http://localhost:5599/callback";
}
