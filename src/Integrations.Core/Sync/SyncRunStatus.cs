namespace Integrations;

/// <summary>Where a sync run stands.</summary>
public enum SyncRunStatus
{
    /// <summary>The run is in progress.</summary>
    Running = 0,

    /// <summary>Every item was synced.</summary>
    Succeeded = 1,

    /// <summary>The run finished, but some items failed; see <see cref="SyncRun.Errors"/>.</summary>
    PartiallySucceeded = 2,

    /// <summary>
    /// The run stopped early (provider failure, lost lease, store failure); see
    /// <see cref="SyncRun.ErrorCode"/>. The next run resumes from the last saved page.
    /// </summary>
    Failed = 3,

    /// <summary>The run was cancelled. The next run resumes from the last saved page.</summary>
    Cancelled = 4,
}
