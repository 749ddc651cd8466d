namespace Integrations;

/// <summary>One remote change read by a source: an item as it is now, or a deletion.</summary>
/// <typeparam name="TItem">The resource's payload type.</typeparam>
/// <param name="ExternalId">The provider's id of the item (Google event <c>id</c>, Graph <c>id</c>, Strava activity id).</param>
/// <param name="RemoteVersion">
/// What changes whenever the item changes (etag, <c>updated</c> time, change key), or
/// <see langword="null"/> when the provider has none. Without it the engine cannot skip unchanged
/// items or suppress echoes of its own writes.
/// </param>
/// <param name="IsDeleted">Whether the item was deleted (Google <c>status: cancelled</c>, Graph <c>@removed</c>, a tombstone).</param>
/// <param name="Data">The item, or <see langword="null"/> for a deletion.</param>
/// <param name="ModifiedAt">When the item was last changed at the provider, when known (used by <see cref="SyncConflictPolicy.NewestWins"/>).</param>
public sealed record SyncItem<TItem>(string ExternalId, string? RemoteVersion, bool IsDeleted, TItem? Data, DateTimeOffset? ModifiedAt = null)
    where TItem : class
{
    /// <summary>An item that exists remotely.</summary>
    /// <param name="externalId">The provider's id of the item.</param>
    /// <param name="remoteVersion">The item's version (etag or update time).</param>
    /// <param name="data">The item.</param>
    /// <param name="modifiedAt">When it was last changed, when known.</param>
    /// <returns>The change.</returns>
    public static SyncItem<TItem> Upserted(string externalId, string? remoteVersion, TItem data, DateTimeOffset? modifiedAt = null) =>
        new(externalId, remoteVersion, false, data, modifiedAt);

    /// <summary>An item that was deleted remotely.</summary>
    /// <param name="externalId">The provider's id of the item.</param>
    /// <param name="remoteVersion">The tombstone's version, when the provider sends one.</param>
    /// <returns>The change.</returns>
    public static SyncItem<TItem> Deleted(string externalId, string? remoteVersion = null) =>
        new(externalId, remoteVersion, true, null);
}
