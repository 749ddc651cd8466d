namespace Integrations;

/// <summary>A local item as it is now, reported by an <see cref="ILocalChangeFeed{TItem}"/>.</summary>
/// <typeparam name="TItem">The resource's payload type.</typeparam>
/// <param name="LocalId">The host's id of the item.</param>
/// <param name="LocalVersion">The item's current local version (see <see cref="SyncLocalResult.LocalVersion"/>).</param>
/// <param name="IsDeleted">Whether the item was deleted locally.</param>
/// <param name="Data">The item, or <see langword="null"/> when deleted.</param>
/// <param name="ModifiedAt">When the item was last changed locally, when known (used by <see cref="SyncConflictPolicy.NewestWins"/>).</param>
public sealed record LocalChange<TItem>(string LocalId, string? LocalVersion, bool IsDeleted, TItem? Data, DateTimeOffset? ModifiedAt = null)
    where TItem : class;
