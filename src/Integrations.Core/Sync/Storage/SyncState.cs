namespace Integrations;

/// <summary>
/// The sync state of one resource of one integration: the provider cursor, the unfinished pass, the
/// local change feed's checkpoint. Saved with <see cref="ISyncStateStore.CommitAsync"/>, which checks
/// <see cref="Version"/>.
/// </summary>
public sealed record SyncState
{
    /// <summary>The integration.</summary>
    public required Guid IntegrationId { get; init; }

    /// <summary>The resource.</summary>
    public required string Resource { get; init; }

    /// <summary>The cursor of the next pass (sync token, delta link, timestamp), or <see langword="null"/> for a full sync.</summary>
    public string? Cursor { get; init; }

    /// <summary>The window the cursor was built with.</summary>
    public SyncDateRange? CursorDateRange { get; init; }

    /// <summary>When the cursor last moved (a pass completed).</summary>
    public DateTimeOffset? CursorUpdatedAt { get; init; }

    /// <summary>The number of the latest pass started; every new pass takes the next number.</summary>
    public long PassNumber { get; init; }

    /// <summary>The unfinished pass, or <see langword="null"/> when the last pass completed.</summary>
    public SyncCheckpoint? Checkpoint { get; init; }

    /// <summary>The local change feed's checkpoint after the last pushed batch.</summary>
    public string? LocalCheckpoint { get; init; }

    /// <summary>
    /// Set when a run was found abandoned (its process was killed): the pass whose deliveries may
    /// repeat writes the killed run made without recording them (0: whichever pass runs next).
    /// Cleared once that pass saved a page, or completed.
    /// </summary>
    public long? RecoveryPass { get; init; }

    /// <summary>Creates of the push batch in progress (see <see cref="SyncPendingCreate"/>); empty between batches.</summary>
    public IReadOnlyList<SyncPendingCreate> PendingCreates { get; init; } = [];

    /// <summary>
    /// The concurrency version: 0 for a state never saved; the store increments it on every commit. A
    /// commit carrying a stale version fails with <see cref="IntegrationErrorCode.ConcurrencyConflict"/>.
    /// </summary>
    public long Version { get; init; }

    /// <summary>Creates the state of a resource that was never synced.</summary>
    /// <param name="integrationId">The integration.</param>
    /// <param name="resource">The resource.</param>
    /// <returns>An empty state with version 0.</returns>
    public static SyncState Empty(Guid integrationId, string resource) => new() { IntegrationId = integrationId, Resource = resource };
}
