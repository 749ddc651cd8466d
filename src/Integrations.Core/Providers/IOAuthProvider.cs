namespace Integrations;

/// <summary>
/// One OAuth 2.0 service: how to send a user to it, exchange the code, refresh and revoke tokens
/// and read the connected account. The generic OAuth 2.0 provider (<c>AddOAuth2</c>) implements the standard protocol;
/// provider packages derive from it for their quirks.
/// </summary>
public interface IOAuthProvider
{
    /// <summary>The registered name (for example <c>google</c>); stored on every integration.</summary>
    string Name { get; }

    /// <summary>When tokens of this provider are refreshed.</summary>
    TokenRefreshOptions TokenRefresh { get; }

    /// <summary>Whether <see cref="RevokeAsync"/> reaches a revocation endpoint at the provider.</summary>
    bool SupportsRevocation { get; }

    /// <summary>The scopes requested when a connect request names none.</summary>
    IReadOnlyList<string> DefaultScopes => [];

    /// <summary>Builds the URL that sends the user to the provider's consent page.</summary>
    /// <param name="context">State, PKCE challenge, scopes, redirect URI.</param>
    /// <param name="cancellationToken">Cancels the work (for example a discovery document fetch).</param>
    /// <returns>The authorization URL.</returns>
    ValueTask<Uri> CreateAuthorizationUrlAsync(AuthorizationUrlContext context, CancellationToken cancellationToken = default);

    /// <summary>Exchanges an authorization code for tokens.</summary>
    /// <param name="context">The code, the PKCE verifier, the redirect URI and the callback.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The tokens.</returns>
    /// <exception cref="IntegrationException">The provider refused or answered something unreadable.</exception>
    Task<TokenSet> ExchangeCodeAsync(CodeExchangeContext context, CancellationToken cancellationToken = default);

    /// <summary>Uses a refresh token to obtain new tokens.</summary>
    /// <param name="context">The integration and its current tokens.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>
    /// The new tokens. When the response carries no refresh token, the result carries none either;
    /// the caller keeps the old one.
    /// </returns>
    /// <exception cref="IntegrationException">
    /// <see cref="IntegrationErrorCode.ReauthorizationRequired"/> when the grant is gone
    /// (<c>invalid_grant</c>); transient codes for network, 5xx and throttling.
    /// </exception>
    Task<TokenSet> RefreshAsync(TokenRefreshContext context, CancellationToken cancellationToken = default);

    /// <summary>Reads the account the tokens belong to (userinfo or the provider's equivalent).</summary>
    /// <param name="tokens">Fresh tokens from <see cref="ExchangeCodeAsync"/>.</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    /// <returns>The external account.</returns>
    Task<ExternalAccount> GetAccountAsync(TokenSet tokens, CancellationToken cancellationToken = default);

    /// <summary>
    /// Works out which scopes the user actually granted: the token response's <c>scope</c>, the
    /// callback's <c>scope</c> parameter, or the requested scopes, in that order.
    /// </summary>
    /// <param name="callback">The authorization callback.</param>
    /// <param name="tokens">The tokens from the code exchange.</param>
    /// <param name="requestedScopes">The scopes that were requested.</param>
    /// <returns>The granted scopes.</returns>
    IReadOnlyList<string> GetGrantedScopes(ConnectCallback callback, TokenSet tokens, IReadOnlyList<string> requestedScopes);

    /// <summary>Revokes the grant at the provider. Does nothing when the provider has no revocation endpoint.</summary>
    /// <param name="tokens">The tokens to revoke (the refresh token when there is one).</param>
    /// <param name="cancellationToken">Cancels the request.</param>
    Task RevokeAsync(TokenSet tokens, CancellationToken cancellationToken = default);
}
