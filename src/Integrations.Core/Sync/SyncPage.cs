namespace Integrations;

/// <summary>One page of remote changes returned by a source.</summary>
/// <typeparam name="TItem">The resource's payload type.</typeparam>
/// <param name="Items">The changes of this page, in the provider's order. May be empty on any page.</param>
/// <param name="NextPageToken">
/// The token of the next page of this pass, or <see langword="null"/> on the last page. It is opaque
/// to the engine and saved as the checkpoint, so a source may encode state of its own in it (Strava:
/// the page number and the latest start time seen so far).
/// </param>
/// <param name="NextCursor">
/// On the last page: the cursor of the next pass (Google <c>nextSyncToken</c>, Graph
/// <c>@odata.deltaLink</c>), or <see langword="null"/> when the provider cannot read changes
/// incrementally (every run is then a full sync with reconciliation). Ignored on other pages.
/// </param>
/// <param name="TotalEstimate">The provider's count of the items of this pass, when it gives one (Google People <c>totalItems</c>).</param>
public sealed record SyncPage<TItem>(IReadOnlyList<SyncItem<TItem>> Items, string? NextPageToken, string? NextCursor = null, long? TotalEstimate = null)
    where TItem : class
{
    /// <summary>Whether this is the last page of the pass.</summary>
    public bool IsLast => NextPageToken is null;

    /// <summary>A page followed by more.</summary>
    /// <param name="items">The changes.</param>
    /// <param name="nextPageToken">The next page's token.</param>
    /// <returns>The page.</returns>
    public static SyncPage<TItem> More(IReadOnlyList<SyncItem<TItem>> items, string nextPageToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(nextPageToken);
        return new(items, nextPageToken);
    }

    /// <summary>The last page of a pass.</summary>
    /// <param name="items">The changes.</param>
    /// <param name="nextCursor">The cursor of the next pass, or <see langword="null"/>.</param>
    /// <returns>The page.</returns>
    public static SyncPage<TItem> Last(IReadOnlyList<SyncItem<TItem>> items, string? nextCursor) => new(items, null, nextCursor);
}
