namespace Integrations;

/// <summary>
/// An unfinished pass (a walk through all pages of changes from one cursor): where it stands, saved
/// after every page so the next run resumes it.
/// </summary>
public sealed record SyncCheckpoint
{
    /// <summary>The pass number (see <see cref="SyncState.PassNumber"/>); item links seen in this pass carry it.</summary>
    public required long Pass { get; init; }

    /// <summary>Whether the pass reads everything (no cursor) and ends with reconciliation.</summary>
    public bool IsFullPass { get; init; }

    /// <summary>The cursor the pass started from (<see langword="null"/> for a full pass); every page of the pass is read with it.</summary>
    public string? StartCursor { get; init; }

    /// <summary>The window the pass reads, when one applies.</summary>
    public SyncDateRange? DateRange { get; init; }

    /// <summary>What the pass is doing.</summary>
    public SyncPassPhase Phase { get; init; }

    /// <summary>The token of the next page to read (<see langword="null"/>: the first page).</summary>
    public string? PageToken { get; init; }

    /// <summary>Pages applied so far.</summary>
    public int PagesCompleted { get; init; }

    /// <summary>While reconciling: the cursor returned by the last page, saved as <see cref="SyncState.Cursor"/> when reconciliation ends.</summary>
    public string? PendingCursor { get; init; }

    /// <summary>While reconciling: the external id of the last link handled (links are walked in ordinal order).</summary>
    public string? ReconcileAfter { get; init; }

    /// <summary>When the pass started.</summary>
    public DateTimeOffset StartedAt { get; init; }
}
