namespace Integrations;

/// <summary>
/// Stores integrations. Every query that takes an integration id also takes its owner, except the
/// ones named "ForBackground", which are for the SDK's own background work and admin tools.
/// Updates use optimistic concurrency on <see cref="Integration.Version"/>.
/// </summary>
public interface IIntegrationStore
{
    /// <summary>Finds an integration of <paramref name="owner"/>.</summary>
    /// <param name="owner">The owner; an integration of another owner is not found.</param>
    /// <param name="id">The integration id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The integration, or <see langword="null"/>.</returns>
    Task<Integration?> GetAsync(IntegrationOwner owner, Guid id, CancellationToken cancellationToken = default);

    /// <summary>Finds an integration by id alone. For background work and admin tools only.</summary>
    /// <param name="id">The integration id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The integration, or <see langword="null"/>.</returns>
    Task<Integration?> GetForBackgroundAsync(Guid id, CancellationToken cancellationToken = default);

    /// <summary>Lists an owner's integrations, oldest first.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="filter">Optional provider and status filter.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The integrations.</returns>
    Task<IReadOnlyList<Integration>> ListAsync(IntegrationOwner owner, IntegrationFilter? filter = null, CancellationToken cancellationToken = default);

    /// <summary>Finds the owner's integration connected to one external account of one provider.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="provider">The provider name.</param>
    /// <param name="externalAccountId">The provider's account id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The integration, or <see langword="null"/>.</returns>
    Task<Integration?> FindByExternalAccountAsync(IntegrationOwner owner, string provider, string externalAccountId, CancellationToken cancellationToken = default);

    /// <summary>
    /// Finds every integration connected to one external account of one provider, whoever owns it.
    /// For background work such as provider webhooks, which name the account, not the user.
    /// </summary>
    /// <param name="provider">The provider name.</param>
    /// <param name="externalAccountId">The provider's account id.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The integrations.</returns>
    Task<IReadOnlyList<Integration>> FindByExternalAccountForBackgroundAsync(string provider, string externalAccountId, CancellationToken cancellationToken = default);

    /// <summary>Adds a new integration; the stored copy has <see cref="Integration.Version"/> 1.</summary>
    /// <param name="integration">The integration.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored integration.</returns>
    /// <exception cref="IntegrationException">
    /// <see cref="IntegrationErrorCode.DuplicateIntegration"/> when the id exists or the owner already
    /// has an integration with the same provider and external account.
    /// </exception>
    Task<Integration> AddAsync(Integration integration, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves a changed integration if nobody changed it since it was read: the stored version must
    /// equal <paramref name="integration"/>'s <see cref="Integration.Version"/>.
    /// </summary>
    /// <param name="integration">The changed integration, carrying the version it was read with.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored integration with its new version.</returns>
    /// <exception cref="IntegrationException">
    /// <see cref="IntegrationErrorCode.ConcurrencyConflict"/> when the version is stale;
    /// <see cref="IntegrationErrorCode.IntegrationNotFound"/> when it no longer exists.
    /// </exception>
    Task<Integration> UpdateAsync(Integration integration, CancellationToken cancellationToken = default);

    /// <summary>Deletes an integration of <paramref name="owner"/>.</summary>
    /// <param name="owner">The owner.</param>
    /// <param name="id">The integration id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns><see langword="true"/> when it existed.</returns>
    Task<bool> DeleteAsync(IntegrationOwner owner, Guid id, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists active integrations holding a refresh token whose access token expires before
    /// <paramref name="before"/>, soonest first. For background refresh.
    /// </summary>
    /// <param name="before">The expiry limit.</param>
    /// <param name="limit">The most integrations to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The integrations.</returns>
    Task<IReadOnlyList<Integration>> ListExpiringForBackgroundAsync(DateTimeOffset before, int limit, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists active integrations whose <see cref="Integration.NextSyncAt"/> is at or before
    /// <paramref name="now"/>, most overdue first. For the sync scheduler.
    /// </summary>
    /// <param name="now">The current time.</param>
    /// <param name="limit">The most integrations to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The integrations.</returns>
    Task<IReadOnlyList<Integration>> ListDueForSyncForBackgroundAsync(DateTimeOffset now, int limit, CancellationToken cancellationToken = default);
}
