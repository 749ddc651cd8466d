namespace Integrations;

/// <summary>
/// Writes local changes of a two-way resource to one provider (written by provider packages,
/// registered with <c>AddSyncTarget</c> per provider and resource).
/// </summary>
/// <typeparam name="TItem">The resource's payload type.</typeparam>
/// <remarks>
/// Errors: throw <see cref="IntegrationException"/>. <see cref="IntegrationErrorCode.ConcurrencyConflict"/>
/// when a precondition failed (the item changed or vanished remotely) lets the conflict policy decide;
/// <see cref="IntegrationErrorCode.RateLimitExceeded"/>, <see cref="IntegrationErrorCode.ApiQuotaExceeded"/>,
/// <see cref="IntegrationErrorCode.ProviderUnavailable"/>, <see cref="IntegrationErrorCode.ConnectionError"/>,
/// <see cref="IntegrationErrorCode.ReauthorizationRequired"/> and <see cref="IntegrationErrorCode.InvalidCredentials"/>
/// stop the run; any other code fails only that item.
/// </remarks>
public interface ISyncTarget<TItem>
    where TItem : class
{
    /// <summary>Creates an item at the provider.</summary>
    /// <param name="context">The run.</param>
    /// <param name="create">The item and its idempotency key.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The new item's id and version.</returns>
    Task<SyncRemoteResult> CreateAsync(SyncContext context, SyncRemoteCreate<TItem> create, CancellationToken cancellationToken);

    /// <summary>Updates an item at the provider.</summary>
    /// <param name="context">The run.</param>
    /// <param name="update">The item, its id and the expected remote version.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The item's id and new version.</returns>
    Task<SyncRemoteResult> UpdateAsync(SyncContext context, SyncRemoteUpdate<TItem> update, CancellationToken cancellationToken);

    /// <summary>Deletes an item at the provider. An item that is already gone counts as deleted (do not throw).</summary>
    /// <param name="context">The run.</param>
    /// <param name="delete">The item's id and the expected remote version.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the item is deleted.</returns>
    Task DeleteAsync(SyncContext context, SyncRemoteDelete delete, CancellationToken cancellationToken);
}
