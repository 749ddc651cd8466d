namespace Integrations.TestSupport.Oidc;

/// <summary>Environment settings of one oidc-provider process (see tests/oidc-provider/server.mjs).</summary>
public sealed record OidcProviderSettings
{
    /// <summary>Access token lifetime in seconds. Short, so tests see expiry.</summary>
    public int AccessTokenTtlSeconds { get; init; } = 5;

    /// <summary><c>always</c> (a refresh token for every client) or <c>offline_access</c>.</summary>
    public string RefreshTokenPolicy { get; init; } = "always";

    /// <summary>Redirect URIs registered for every client.</summary>
    public string RedirectUris { get; init; } = "http://127.0.0.1:5599/callback,http://localhost:5599/callback";
}
