using System.Collections.Immutable;

namespace Integrations;

/// <summary>
/// What a host does with its users' integrations: connect, list, rename, configure, deactivate and
/// disconnect. Every method is scoped to an owner.
/// </summary>
public interface IIntegrationManager
{
    /// <summary>
    /// Begins connecting an account: checks the provider exists, stores a pending authorization
    /// (random state, PKCE S256 verifier, about 10 minutes to live) and returns the URL to send the
    /// user to.
    /// </summary>
    /// <param name="request">Who connects what.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The authorization URL and state.</returns>
    /// <exception cref="IntegrationException"><see cref="IntegrationErrorCode.ProviderNotSupported"/>, <see cref="IntegrationErrorCode.PolicyDenied"/>.</exception>
    Task<ConnectStart> BeginConnectAsync(BeginConnectRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Completes a connect flow from the provider's callback: consumes the state once, exchanges the
    /// code, reads the account and creates the integration, or updates the existing one when the
    /// same external account is connected again.
    /// </summary>
    /// <param name="owner">The signed-in user receiving the callback; must be the one who began the flow.</param>
    /// <param name="callback">The callback parameters.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The integration.</returns>
    /// <exception cref="IntegrationException">
    /// <see cref="IntegrationErrorCode.InvalidState"/> for unknown, expired, replayed or foreign state (nothing is written);
    /// <see cref="IntegrationErrorCode.AccessDenied"/> when the user refused; <see cref="IntegrationErrorCode.OAuthError"/> for other provider errors.
    /// </exception>
    Task<ConnectResult> CompleteConnectAsync(IntegrationOwner owner, ConnectCallback callback, CancellationToken cancellationToken = default);

    /// <summary>Returns one of the owner's integrations.</summary>
    /// <param name="integration">The integration and its owner.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The integration.</returns>
    /// <exception cref="IntegrationException"><see cref="IntegrationErrorCode.IntegrationNotFound"/>.</exception>
    Task<Integration> GetAsync(IntegrationKey integration, CancellationToken cancellationToken = default);

    /// <summary>Lists the owner's integrations.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="filter">Optional provider and status filter.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The integrations, oldest first.</returns>
    Task<IReadOnlyList<Integration>> ListAsync(IntegrationOwner owner, IntegrationFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Renames an integration.</summary>
    /// <param name="integration">The integration and its owner.</param>
    /// <param name="displayName">The new name.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The updated integration.</returns>
    Task<Integration> RenameAsync(IntegrationKey integration, string displayName, CancellationToken cancellationToken = default);

    /// <summary>Replaces an integration's settings.</summary>
    /// <param name="integration">The integration and its owner.</param>
    /// <param name="settings">The new settings.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The updated integration.</returns>
    Task<Integration> UpdateSettingsAsync(IntegrationKey integration, IntegrationSettings settings, CancellationToken cancellationToken = default);

    /// <summary>Replaces an integration's host metadata.</summary>
    /// <param name="integration">The integration and its owner.</param>
    /// <param name="metadata">The new metadata.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The updated integration.</returns>
    Task<Integration> UpdateMetadataAsync(IntegrationKey integration, ImmutableDictionary<string, string> metadata, CancellationToken cancellationToken = default);

    /// <summary>Deactivates an integration (soft delete): it keeps its data but hands out no tokens and is not synced.</summary>
    /// <param name="integration">The integration and its owner.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The updated integration.</returns>
    Task<Integration> DeactivateAsync(IntegrationKey integration, CancellationToken cancellationToken = default);

    /// <summary>Reactivates a deactivated integration.</summary>
    /// <param name="integration">The integration and its owner.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The updated integration.</returns>
    Task<Integration> ReactivateAsync(IntegrationKey integration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Records that consent was withdrawn outside the SDK, for example by a provider's
    /// deauthorization webhook: the integration becomes <see cref="IntegrationStatus.Revoked"/>,
    /// its tokens are dropped (nothing is sent to the provider: the grant is already gone), its
    /// cached access token is forgotten and <see cref="IntegrationEventType.Revoked"/> is raised.
    /// An integration that is already revoked and holds no tokens is returned unchanged without an
    /// event, so a notification delivered twice has one effect. The user connects again to
    /// restore it.
    /// </summary>
    /// <param name="integration">The integration and its owner.</param>
    /// <param name="reason">A short explanation without secrets, carried by the event.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The revoked integration.</returns>
    /// <exception cref="IntegrationException"><see cref="IntegrationErrorCode.IntegrationNotFound"/>.</exception>
    Task<Integration> MarkRevokedAsync(IntegrationKey integration, string? reason = null, CancellationToken cancellationToken = default);

    /// <summary>
    /// Disconnects: revokes the grant at the provider when it has a revocation endpoint (a failure
    /// there is logged, not thrown), then deletes the integration and its state.
    /// </summary>
    /// <param name="integration">The integration and its owner.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    Task DisconnectAsync(IntegrationKey integration, CancellationToken cancellationToken = default);
}
