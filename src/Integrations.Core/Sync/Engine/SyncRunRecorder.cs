namespace Integrations.Internal;

/// <summary>Accumulates what a run did and turns it into <see cref="SyncRun"/> snapshots.</summary>
internal sealed class SyncRunRecorder(SyncRun initial, int maxRecordedErrors, int maxConsecutiveFailures)
{
    private readonly List<SyncItemError> _errors = [];
    private SyncCounts _reportedLocal = SyncCounts.Empty;
    private SyncCounts _reportedRemote = SyncCounts.Empty;
    private int _consecutiveFailures;
    private int _reportedConflicts;

    public SyncRun Initial { get; } = initial;

    public SyncCountsBuilder Local { get; } = new();

    public SyncCountsBuilder Remote { get; } = new();

    public int Conflicts { get; set; }

    public int Pages { get; set; }

    public long? TotalEstimate { get; set; }

    public bool IsFullResync { get; set; }

    public string? CursorAfter { get; set; } = initial.CursorAfter;

    public string? CursorBefore { get; set; } = initial.CursorBefore;

    public SyncPhase Phase { get; set; }

    public bool HasItemFailures => Local.Failed + Remote.Failed > 0;

    public SyncCountsBuilder Side(SyncSide side) => side == SyncSide.Local ? Local : Remote;

    public void ItemSucceeded() => _consecutiveFailures = 0;

    /// <summary>Records a failed item; stops the run when too many failed in a row.</summary>
    public void ItemFailed(SyncSide side, string itemId, IntegrationErrorCode code, string message)
    {
        Side(side).Failed++;
        if (_errors.Count < maxRecordedErrors)
        {
            _errors.Add(new SyncItemError(side, itemId, code, message));
        }

        if (maxConsecutiveFailures > 0 && ++_consecutiveFailures >= maxConsecutiveFailures)
        {
            throw new SyncAbortException(IntegrationErrorCode.SyncFailed, $"{_consecutiveFailures} items failed in a row; the last: {message}");
        }
    }

    public SyncRun Snapshot() => Initial with
    {
        IsFullResync = IsFullResync,
        Local = Local.ToCounts(),
        Remote = Remote.ToCounts(),
        Conflicts = Conflicts,
        Pages = Pages,
        Errors = _errors.ToArray(),
        CursorBefore = CursorBefore,
        CursorAfter = CursorAfter,
    };

    public SyncProgress Progress(Guid runId, string resource) =>
        new(runId, resource, Phase, Pages, Local.ToCounts(), Remote.ToCounts(), Conflicts, TotalEstimate);

    /// <summary>Returns the counts changed since the last call (for the item counter).</summary>
    public (SyncCounts Local, SyncCounts Remote, int Conflicts) TakeDeltas()
    {
        var local = Local.ToCounts();
        var remote = Remote.ToCounts();
        var deltas = (Minus(local, _reportedLocal), Minus(remote, _reportedRemote), Conflicts - _reportedConflicts);
        _reportedLocal = local;
        _reportedRemote = remote;
        _reportedConflicts = Conflicts;
        return deltas;
    }

    private static SyncCounts Minus(SyncCounts a, SyncCounts b) =>
        new(a.Processed - b.Processed, a.Created - b.Created, a.Updated - b.Updated, a.Deleted - b.Deleted, a.Skipped - b.Skipped, a.Failed - b.Failed);
}
