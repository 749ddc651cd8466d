namespace Integrations;

/// <summary>
/// Hands out valid access tokens. Tokens are refreshed ahead of expiry; concurrent callers, in one
/// process and across processes sharing a store, cause one refresh.
/// </summary>
public interface IAccessTokenProvider
{
    /// <summary>
    /// Returns a valid access token for the integration: the cached one while it is fresh, a
    /// refreshed one when it is about to expire.
    /// </summary>
    /// <param name="integration">The integration and its owner.</param>
    /// <param name="cancellationToken">Cancels this caller's wait only; a refresh shared with other callers goes on.</param>
    /// <returns>The access token.</returns>
    /// <exception cref="IntegrationException">
    /// <see cref="IntegrationErrorCode.IntegrationNotFound"/>, <see cref="IntegrationErrorCode.IntegrationInactive"/>,
    /// <see cref="IntegrationErrorCode.ReauthorizationRequired"/> (the integration is marked and an event raised),
    /// or a transient code when the refresh failed for now and the current token is no longer usable.
    /// </exception>
    ValueTask<AccessToken> GetAccessTokenAsync(IntegrationKey integration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Forces a refresh because the provider rejected <paramref name="rejectedToken"/> (for example
    /// with 401). When the current token already differs from the rejected one, it is returned
    /// without another refresh.
    /// </summary>
    /// <param name="integration">The integration and its owner.</param>
    /// <param name="rejectedToken">The token the provider rejected, or <see langword="null"/> to refresh unconditionally.</param>
    /// <param name="cancellationToken">Cancels this caller's wait only.</param>
    /// <returns>A new access token.</returns>
    /// <exception cref="IntegrationException">As for <see cref="GetAccessTokenAsync"/>.</exception>
    ValueTask<AccessToken> RefreshAccessTokenAsync(IntegrationKey integration, AccessToken? rejectedToken, CancellationToken cancellationToken = default);
}
