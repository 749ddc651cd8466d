namespace Integrations;

/// <summary>
/// Applies remote changes of one resource to the host's data (written by the host, registered with
/// <c>AddSyncResource</c>). Resolved from a new DI scope for every page, so it may depend on a
/// scoped <c>DbContext</c>.
/// </summary>
/// <typeparam name="TItem">The resource's payload type.</typeparam>
/// <remarks>
/// <para><b>Delivery guarantee.</b> The engine records, per item, the remote version it applied
/// (an item link), saving the links of a page together with the page position in one atomic store
/// call after the page, and skipping items whose link already holds the version read. So:</para>
/// <list type="bullet">
/// <item>Across failures, cancellation and lost leases, every remote version of an item reaches the
/// handler exactly once: when a run stops mid-page, the links of the items already applied are saved
/// before it ends, and the next run resumes at that page and skips them.</item>
/// <item>A hard process kill between a handler write and the page's save leaves those writes
/// unrecorded (so does a state store that fails that save; such a run is left marked running and
/// treated as killed). The run that takes over (after the lease expired) delivers them again, and
/// only such deliveries carry <see cref="SyncRemoteChange{TItem}.PossibleRedelivery"/>. At most the
/// changes of the page in flight are affected, except when the next run reads a different pass
/// (forced full resync, expired cursor): then every change of that pass carries the flag.</item>
/// </list>
/// <para>So make <see cref="UpsertAsync"/> and <see cref="DeleteAsync"/> idempotent per
/// (<see cref="SyncRemoteChange{TItem}.ExternalId"/>, <see cref="SyncRemoteChange{TItem}.RemoteVersion"/>):
/// store both with the local item and, when they match, do not write; return the item's local id and
/// its local version if the item is still as that write left it, or a <see langword="null"/> local
/// version if it was edited or deleted locally since (the engine then pushes the local state). Find
/// items by external id, not only by <see cref="SyncRemoteChange{TItem}.LocalId"/>, so a redelivered
/// create does not create a duplicate. A delete of an item that is already gone is a success.</para>
/// <para>An exception fails that item only: it is recorded on the run and the run goes on
/// (<see cref="SyncRunStatus.PartiallySucceeded"/>). The item is tried again when it changes remotely
/// or at the next full resync.</para>
/// </remarks>
public interface ISyncHandler<TItem>
    where TItem : class
{
    /// <summary>Creates or updates the local copy of a remote item.</summary>
    /// <param name="context">The run.</param>
    /// <param name="change">The remote item, the linked local id (if any) and whether this may be a redelivery.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>The local id and local version after the write.</returns>
    ValueTask<SyncLocalResult> UpsertAsync(SyncContext context, SyncRemoteChange<TItem> change, CancellationToken cancellationToken);

    /// <summary>
    /// Deletes the local copy of an item deleted remotely (or, after a full resync, no longer present
    /// remotely). <see cref="SyncRemoteChange{TItem}.LocalId"/> is always set.
    /// </summary>
    /// <param name="context">The run.</param>
    /// <param name="change">The deletion and the linked local id.</param>
    /// <param name="cancellationToken">Cancels the write.</param>
    /// <returns>A task that completes when the item is deleted.</returns>
    ValueTask DeleteAsync(SyncContext context, SyncRemoteChange<TItem> change, CancellationToken cancellationToken);
}
