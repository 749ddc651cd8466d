namespace Integrations;

/// <summary>Which page a source should read.</summary>
/// <param name="Cursor">
/// The cursor saved after the last completed pass (a Google <c>nextSyncToken</c>, a Graph
/// <c>@odata.deltaLink</c>, a Strava <c>after</c> time), or <see langword="null"/> for a full sync.
/// It stays the same for every page of a pass.
/// </param>
/// <param name="PageToken">
/// The <see cref="SyncPage{TItem}.NextPageToken"/> of the previous page of this pass, or
/// <see langword="null"/> for the first page. Page tokens are saved with the checkpoint, so a run may
/// resume with a token another process received.
/// </param>
/// <param name="PageSize">How many items the engine would like per page; a source may return fewer (or none) on any page.</param>
/// <param name="DateRange">The window of a full sync, when one applies.</param>
public sealed record SyncPageRequest(string? Cursor, string? PageToken, int PageSize, SyncDateRange? DateRange)
{
    /// <summary>Whether this page belongs to a full sync (no cursor).</summary>
    public bool IsFullSync => Cursor is null;
}
