namespace Integrations;

/// <summary>An item that changed on both sides since the last sync, given to a conflict resolver.</summary>
/// <typeparam name="TItem">The resource's payload type.</typeparam>
/// <param name="Context">The run.</param>
/// <param name="ExternalId">The provider's id of the item.</param>
/// <param name="LocalId">The host's id of the item.</param>
/// <param name="Remote">The remote change (may be a deletion).</param>
/// <param name="Local">The local item as it is now, or <see langword="null"/> when it was deleted locally.</param>
public sealed record SyncConflict<TItem>(SyncContext Context, string ExternalId, string LocalId, SyncItem<TItem> Remote, LocalChange<TItem>? Local)
    where TItem : class;
