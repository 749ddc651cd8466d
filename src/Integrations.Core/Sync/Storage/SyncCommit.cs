namespace Integrations;

/// <summary>
/// What the engine saves after a page: the state (cursor, checkpoint) and the page's item links, in
/// one atomic store call.
/// </summary>
/// <param name="State">
/// The new state, carrying the <see cref="SyncState.Version"/> it was read with (0 when it was never
/// saved).
/// </param>
public sealed record SyncCommit(SyncState State)
{
    /// <summary>Links to insert or replace (by external id).</summary>
    public IReadOnlyCollection<SyncItemLink> UpsertLinks { get; init; } = [];

    /// <summary>External ids of links to delete. An id is never in both lists.</summary>
    public IReadOnlyCollection<string> DeleteLinks { get; init; } = [];
}
