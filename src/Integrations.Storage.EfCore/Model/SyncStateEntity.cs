namespace Integrations.Storage.EfCore.Internal;

/// <summary>The row of one <see cref="SyncState"/>: the cursor and progress of one resource of one integration.</summary>
internal sealed class SyncStateEntity
{
    /// <summary>
    /// A surrogate key (identity) that the state's links carry as <see cref="SyncItemLinkEntity.StateId"/>:
    /// one narrow column instead of (integration, resource) in every link and in each of their indexes.
    /// </summary>
    public long Id { get; set; }

    public Guid IntegrationId { get; set; }

    public string Resource { get; set; } = "";

    public string? Cursor { get; set; }

    /// <summary>The window the cursor was built with, as a JSON <see cref="SyncDateRange"/> (<c>jsonb</c>).</summary>
    public string? CursorDateRange { get; set; }

    public DateTimeOffset? CursorUpdatedAt { get; set; }

    public long PassNumber { get; set; }

    /// <summary>The unfinished pass as a JSON <see cref="SyncCheckpoint"/> (<c>jsonb</c>).</summary>
    public string? Checkpoint { get; set; }

    public string? LocalCheckpoint { get; set; }

    public long? RecoveryPass { get; set; }

    /// <summary>The creates of the push batch in progress, a JSON array of <see cref="SyncPendingCreate"/> (<c>jsonb</c>).</summary>
    public string PendingCreates { get; set; } = "[]";

    public long Version { get; set; }
}
