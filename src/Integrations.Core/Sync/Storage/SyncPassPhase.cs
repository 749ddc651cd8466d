namespace Integrations;

/// <summary>Where an unfinished pass stands.</summary>
public enum SyncPassPhase
{
    /// <summary>Reading pages; <see cref="SyncCheckpoint.PageToken"/> is the next page.</summary>
    Fetching = 0,

    /// <summary>
    /// All pages of a full pass were applied; deleting local items not seen in the pass, after
    /// <see cref="SyncCheckpoint.ReconcileAfter"/>. The cursor moves to <see cref="SyncCheckpoint.PendingCursor"/> when done.
    /// </summary>
    Reconciling = 1,
}
