namespace Integrations.Storage.EfCore.Internal;

/// <summary>
/// The shape of the <c>checkpoint</c> column: the members of <see cref="SyncCheckpoint"/>, kept apart
/// from the public record so that a change to it is a compile error here rather than a field
/// silently dropped from stored rows.
/// </summary>
internal sealed record SyncCheckpointDocument
{
    public long Pass { get; init; }

    public bool IsFullPass { get; init; }

    public string? StartCursor { get; init; }

    public SyncDateRangeDocument? DateRange { get; init; }

    public SyncPassPhase Phase { get; init; }

    public string? PageToken { get; init; }

    public int PagesCompleted { get; init; }

    public string? PendingCursor { get; init; }

    public string? ReconcileAfter { get; init; }

    public DateTimeOffset StartedAt { get; init; }
}
