namespace Integrations;

/// <summary>
/// The host's local changes of a two-way resource (implement it on the same class as the resource's
/// <see cref="ISyncHandler{TItem}"/>). Typically a query on a row-version or update-time column:
/// "items changed after the checkpoint, in order", deleted items included as tombstones.
/// </summary>
/// <typeparam name="TItem">The resource's payload type.</typeparam>
/// <remarks>
/// The handler's own writes appear in the feed too; the engine recognizes them by the local version
/// the handler returned and does not push them back. Report every item in its current state (an
/// item changed twice may appear once, with its latest version).
/// </remarks>
public interface ILocalChangeFeed<TItem>
    where TItem : class
{
    /// <summary>Reads local changes after a checkpoint.</summary>
    /// <param name="context">The run.</param>
    /// <param name="checkpoint">The checkpoint of the last pushed page, or <see langword="null"/> for the beginning.</param>
    /// <param name="maxCount">The most changes to return.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The changes and the checkpoint after them.</returns>
    Task<LocalChangePage<TItem>> GetChangesAsync(SyncContext context, string? checkpoint, int maxCount, CancellationToken cancellationToken);

    /// <summary>
    /// Reads the current state of linked local items, so the engine can tell whether an item that
    /// changed remotely also changed locally (a conflict).
    /// </summary>
    /// <param name="context">The run.</param>
    /// <param name="localIds">The local ids.</param>
    /// <param name="cancellationToken">Cancels the read.</param>
    /// <returns>The items found, by local id; an id without entry counts as deleted.</returns>
    Task<IReadOnlyDictionary<string, LocalChange<TItem>>> GetCurrentAsync(SyncContext context, IReadOnlyCollection<string> localIds, CancellationToken cancellationToken);
}
