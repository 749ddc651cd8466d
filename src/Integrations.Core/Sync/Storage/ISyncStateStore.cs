namespace Integrations;

/// <summary>
/// Stores sync state and item links per integration and resource. Used by the sync engine after it
/// checked the integration's owner, so its calls take no owner (background operations).
/// </summary>
/// <remarks>
/// Relational implementations: one row per (integration, resource) for the state with
/// <see cref="SyncState.Version"/> as concurrency token; one row per (integration, resource,
/// external id) for links, indexed by local id and by <see cref="SyncItemLink.LastSeenPass"/>.
/// <see cref="CommitAsync"/> is one transaction with batched link writes.
/// </remarks>
public interface ISyncStateStore
{
    /// <summary>Reads the state of a resource.</summary>
    /// <param name="integrationId">The integration.</param>
    /// <param name="resource">The resource.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The state, or <see langword="null"/> when it was never saved.</returns>
    Task<SyncState?> GetAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default);

    /// <summary>
    /// Saves the state and writes links atomically, if nobody saved the state since it was read: the
    /// stored version must equal <see cref="SyncCommit.State"/>'s version (0 = must not exist yet).
    /// </summary>
    /// <param name="commit">The state and the link changes.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The stored state with its new version.</returns>
    /// <exception cref="IntegrationException"><see cref="IntegrationErrorCode.ConcurrencyConflict"/> when the version is stale; nothing is written then.</exception>
    Task<SyncState> CommitAsync(SyncCommit commit, CancellationToken cancellationToken = default);

    /// <summary>Reads the links of some remote items (one page's worth).</summary>
    /// <param name="integrationId">The integration.</param>
    /// <param name="resource">The resource.</param>
    /// <param name="externalIds">The external ids.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The links found, by external id.</returns>
    Task<IReadOnlyDictionary<string, SyncItemLink>> GetLinksAsync(Guid integrationId, string resource, IReadOnlyCollection<string> externalIds, CancellationToken cancellationToken = default);

    /// <summary>Reads the links of some local items (one batch of local changes).</summary>
    /// <param name="integrationId">The integration.</param>
    /// <param name="resource">The resource.</param>
    /// <param name="localIds">The local ids.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The links found, by local id.</returns>
    Task<IReadOnlyDictionary<string, SyncItemLink>> GetLinksByLocalIdAsync(Guid integrationId, string resource, IReadOnlyCollection<string> localIds, CancellationToken cancellationToken = default);

    /// <summary>
    /// Lists links whose <see cref="SyncItemLink.LastSeenPass"/> is below <paramref name="pass"/>, in
    /// ordinal order of external id, after <paramref name="afterExternalId"/> (keyset paging).
    /// </summary>
    /// <param name="integrationId">The integration.</param>
    /// <param name="resource">The resource.</param>
    /// <param name="pass">The pass number.</param>
    /// <param name="afterExternalId">The last external id of the previous batch, or <see langword="null"/>.</param>
    /// <param name="limit">The most links to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The links.</returns>
    Task<IReadOnlyList<SyncItemLink>> ListLinksNotSeenAsync(Guid integrationId, string resource, long pass, string? afterExternalId, int limit, CancellationToken cancellationToken = default);

    /// <summary>Counts the links of a resource.</summary>
    /// <param name="integrationId">The integration.</param>
    /// <param name="resource">The resource.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>The number of links.</returns>
    Task<long> CountLinksAsync(Guid integrationId, string resource, CancellationToken cancellationToken = default);

    /// <summary>Deletes the state and the links of every resource of an integration (on disconnect).</summary>
    /// <param name="integrationId">The integration.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>How many states were deleted.</returns>
    Task<int> DeleteAllAsync(Guid integrationId, CancellationToken cancellationToken = default);
}
