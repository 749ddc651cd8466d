namespace Integrations;

/// <summary>
/// The record of one sync of one resource of one integration: what the REST API's sync history
/// shows. Created when the run starts, saved after every page and completed when it ends.
/// </summary>
public sealed record SyncRun
{
    /// <summary>The run id (the status URL's key).</summary>
    public required Guid Id { get; init; }

    /// <summary>The integration synced.</summary>
    public required Guid IntegrationId { get; init; }

    /// <summary>The integration owner's tenant.</summary>
    public string? TenantId { get; init; }

    /// <summary>The integration owner's user id.</summary>
    public required string UserId { get; init; }

    /// <summary>The integration's provider.</summary>
    public required string Provider { get; init; }

    /// <summary>The resource synced (for example <c>calendar-events</c>).</summary>
    public required string Resource { get; init; }

    /// <summary>Why the run was started.</summary>
    public SyncRunType Type { get; init; }

    /// <summary>The user who started the run, or <see langword="null"/> for the scheduler and other system triggers.</summary>
    public string? TriggeredBy { get; init; }

    /// <summary>Which way the run synced (the requested direction as far as the resource supports it).</summary>
    public SyncDirection Direction { get; init; }

    /// <summary>Whether this was a dry run: the counts say what would have happened; nothing was written.</summary>
    public bool IsDryRun { get; init; }

    /// <summary>Whether the run read everything (first sync, forced, expired cursor or changed window) rather than changes since the cursor.</summary>
    public bool IsFullResync { get; init; }

    /// <summary>The window the run read, when one applied.</summary>
    public SyncDateRange? DateRange { get; init; }

    /// <summary>Where the run stands.</summary>
    public SyncRunStatus Status { get; init; }

    /// <summary>Changes applied (or, in a dry run, to be applied) to the host's data.</summary>
    public SyncCounts Local { get; init; } = SyncCounts.Empty;

    /// <summary>Changes written (or, in a dry run, to be written) to the provider.</summary>
    public SyncCounts Remote { get; init; } = SyncCounts.Empty;

    /// <summary>Items that had changed on both sides and were settled by the conflict policy.</summary>
    public int Conflicts { get; init; }

    /// <summary>Pages of remote changes read.</summary>
    public int Pages { get; init; }

    /// <summary>
    /// The first failed items (at most <see cref="SyncOptions.MaxRecordedItemErrors"/>); the counts
    /// hold the full number.
    /// </summary>
    public IReadOnlyList<SyncItemError> Errors { get; init; } = [];

    /// <summary>Why the run failed, when it did.</summary>
    public IntegrationErrorCode? ErrorCode { get; init; }

    /// <summary>A message without secrets describing the failure.</summary>
    public string? ErrorMessage { get; init; }

    /// <summary>For a run stopped by the provider's rate limit: when syncing may resume.</summary>
    public DateTimeOffset? ResumeAt { get; init; }

    /// <summary>The saved cursor when the run started (<see langword="null"/> for none).</summary>
    public string? CursorBefore { get; init; }

    /// <summary>The saved cursor when the run ended; equal to <see cref="CursorBefore"/> unless the run completed a pass.</summary>
    public string? CursorAfter { get; init; }

    /// <summary>When the run started.</summary>
    public required DateTimeOffset StartedAt { get; init; }

    /// <summary>When the run ended, or <see langword="null"/> while it is running.</summary>
    public DateTimeOffset? CompletedAt { get; init; }

    /// <summary>How long the run took, once it has ended.</summary>
    public TimeSpan? Duration => CompletedAt - StartedAt;

    /// <summary>The integration's owner.</summary>
    public IntegrationOwner Owner => new(TenantId, UserId);
}
